using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;

namespace Nianbao.Web.Pages.Reports;

/// <summary>Two versions of a report side by side: the cells that differ and the findings added or gone (VersionDiff).</summary>
public sealed class DiffModel(ReportStore store) : PageModel
{
    public long Id { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<VersionListing> Versions { get; private set; } = [];
    public VersionComparison? Comparison { get; private set; }
    public string? Error { get; private set; }

    public IActionResult OnGet(long id, int? from, int? to)
    {
        if (store.Get(id) is not { } report) return NotFound();
        Id = id;
        Title = $"{report.Listing.Agency} {report.Listing.YearText}";
        Versions = report.Versions;
        try
        {
            Comparison = store.Diff(id, from, to);
        }
        catch (StoreException e)
        {
            Error = e.Message;
        }
        return Page();
    }
}
