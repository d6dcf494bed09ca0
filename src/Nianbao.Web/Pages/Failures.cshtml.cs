using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;

namespace Nianbao.Web.Pages;

public sealed class FailuresModel(ReportStore store) : PageModel
{
    public IReadOnlyList<FailedSource> Rows { get; private set; } = [];

    public void OnGet() => Rows = store.Failures();
}
