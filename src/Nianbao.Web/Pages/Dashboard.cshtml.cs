using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;
using Nianbao.Web.Presentation;

namespace Nianbao.Web.Pages;

public sealed class DashboardModel(ReportStore store) : PageModel
{
    public IReadOnlyList<RegionListing> Regions { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public DashboardView? View { get; private set; }

    /// <summary>Without a choice: the region with the most reports (a top-level one on ties) and the latest year.</summary>
    public void OnGet(string? region, int? year)
    {
        Regions = store.RegionListings();
        Years = store.Years();
        region ??= Regions.OrderByDescending(r => r.Reports).ThenBy(r => r.Path.Count(c => c == '/')).FirstOrDefault()?.Path;
        if (region is null || Years.Count == 0) return;
        View = DashboardView.Build(store, region, year ?? Years[0]);
    }
}
