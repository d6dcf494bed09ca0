using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Web.Uploads;

namespace Nianbao.Web.Pages;

/// <summary>Saves the batch (zips opened, limits enforced) and hands it to the background ingest; the job page shows progress.</summary>
[UploadBody]
public sealed class UploadModel(UploadJobs jobs, WebOptions options) : PageModel
{
    public WebOptions Options => options;
    public string? Error { get; private set; }

    public void OnGet() { }

    /// <summary>The page again with the reason, as 429 (too many batches pending) with Retry-After.</summary>
    private PageResult Refused(string reason)
    {
        Error = reason;
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = "60";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (jobs.Refusal(User.Identity!.Name!) is { } busy) return Refused(busy);
        try
        {
            if (await UploadBatch.ReceiveAsync(Request, options, HttpContext.RequestAborted) is not var (folder, files))
            {
                Error = "请选择要上传的文件";
                return Page();
            }
            if (jobs.TryEnqueue(new UploadJob(User.Identity!.Name!, files, folder), out var refusal) is not { } job) return Refused(refusal!);
            return Redirect($"/jobs/{job.Id}");
        }
        catch (UploadBatch.RefusedException e)
        {
            Error = e.Message;
            return Page();
        }
    }
}
