using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;

namespace Nianbao.Web.Pages.Batches;

public sealed class IndexModel(ReportStore store) : PageModel
{
    public IReadOnlyList<BatchListing> Rows { get; private set; } = [];

    public void OnGet() => Rows = store.BatchList();
}
