using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;
using Nianbao.Template;

namespace Nianbao.Web.Pages;

/// <summary>Peer comparison of a region's agencies for a year: quartiles per metric, an agency marked, its trend.</summary>
public sealed class CompareModel(ReportStore store) : PageModel
{
    public IReadOnlyList<RegionListing> Regions { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string? Region { get; private set; }
    public int? Year { get; private set; }
    public string? Kind { get; private set; }
    public string? Agency { get; private set; }
    public PeerComparison? Peers { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The marked agency's metrics over the years in the store, by metric key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricTrendPoint>> Trend { get; private set; } = new Dictionary<string, IReadOnlyList<MetricTrendPoint>>();

    public IReadOnlyList<string> Agencies => Peers?.Metrics[0].Values.Select(v => v.Agency).ToList() ?? [];

    public void OnGet(string? region, int? year, string? kind, string? agency)
    {
        Regions = store.RegionListings();
        Years = store.Years();
        Region = region ?? Regions.OrderByDescending(r => r.Reports).ThenBy(r => r.Path.Count(c => c == '/')).FirstOrDefault()?.Path;
        Year = year ?? (Years.Count > 0 ? Years[0] : null);
        Kind = string.IsNullOrWhiteSpace(kind) ? null : kind;
        if (Region is null || Year is null) return;
        try { Peers = store.Compare(Region, Year.Value, Kind); }
        catch (StoreException e) { Error = e.Message; return; }
        if (!string.IsNullOrWhiteSpace(agency) && Peers.Metrics[0].Values.FirstOrDefault(v => v.Agency == agency) is { } marked)
        {
            Agency = agency;
            Trend = Peers.Metrics.ToDictionary(m => m.Metric.Key, m => store.MetricTrend(marked.AgencyId, m.Metric.Key));
        }
    }

    public PeerValue? Marked(MetricPeers m) => Agency is null ? null : m.Values.First(v => v.Agency == Agency);

    public static string Num(decimal? v, MetricDef def, bool round) =>
        v is { } x ? MetricCalculator.Format(round ? Math.Round(x, 2, MidpointRounding.AwayFromZero) : x, def) : "";

    /// <summary>The numbers the box plots draw (compare.js); the table on the page shows the same ones.</summary>
    public string ChartJson() => JsonSerializer.Serialize(new
    {
        agency = Agency,
        metrics = Peers?.Metrics.Select(m => new
        {
            key = m.Metric.Key, name = m.Metric.Name, unit = m.Metric.Unit, count = m.Count,
            box = m.Count == 0 ? null : new[] { m.Min, m.P25, m.P50, m.P75, m.Max }.Select(x => Math.Round(x!.Value, 2, MidpointRounding.AwayFromZero)).ToArray(),
            marked = Marked(m)?.Value,
            values = m.Values.Where(v => v.Value is not null).Select(v => new { agency = v.Agency, value = v.Value }),
        }),
    });
}
