using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Web.Uploads;

namespace Nianbao.Web.Pages.Jobs;

public sealed class ShowModel(UploadJobs jobs) : PageModel
{
    public UploadJob Job { get; private set; } = null!;

    public IActionResult OnGet(string id)
    {
        if (jobs.Find(id) is not { } job || !job.VisibleTo(User)) return NotFound();
        Job = job;
        return Page();
    }
}
