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

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            if (await UploadBatch.ReceiveAsync(Request, options, HttpContext.RequestAborted) is not var (folder, files))
            {
                Error = "请选择要上传的文件";
                return Page();
            }
            var job = jobs.Enqueue(new UploadJob(User.Identity!.Name!, files, folder));
            return Redirect($"/jobs/{job.Id}");
        }
        catch (UploadBatch.RefusedException e)
        {
            Error = e.Message;
            return Page();
        }
    }
}
