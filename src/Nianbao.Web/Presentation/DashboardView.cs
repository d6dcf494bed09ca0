using Nianbao.Summary;
using System.Text.Json;
using Nianbao.Rendering;
using Nianbao.Storage;
using Nianbao.Template;

namespace Nianbao.Web.Presentation;

/// <summary>
/// One region-year at a glance: reports received against the agencies known in the region, how many reports fail
/// each rule, the region's summed outcomes and applicants, the trend of new applications and the carry-over breaks
/// (X.S1). The chart data goes to the page as JSON; the page draws it with ECharts, or shows the tables alone.
/// </summary>
public sealed class DashboardView
{
    public required string Region { get; init; }
    public required int Year { get; init; }
    public RegionSummaryResult? Summary { get; init; }
    public string? SummaryError { get; init; }
    public required IReadOnlyList<RuleCount> Rules { get; init; }
    public required IReadOnlyList<ChartSeries> Series { get; init; }
    public required int Received { get; init; }
    public required int Expected { get; init; }
    public required int Reports { get; init; }
    public int CarryOverBreaks => Rules.Where(r => r.Rule == CarryOverRule).Sum(r => r.Reports);

    public const string CarryOverRule = "X.S1";

    public static DashboardView Build(ReportStore store, string region, int year)
    {
        RegionSummaryResult? summary = null;
        string? error = null;
        try { summary = store.Compute(region, year); }
        catch (StoreException e) { error = e.Message; }
        var reports = store.List(new ReportFilter(Year: year, Region: region)).Count;
        var rules = store.RuleCounts(region, year);
        var series = new List<ChartSeries>();
        if (summary is not null) series.AddRange(SummaryCharts.Series(summary.Report));
        series.Add(SummaryCharts.TrendSeries(store.Trend(region, SummaryCharts.TrendKey)));
        var received = summary is null ? reports : summary.Included.Count + summary.Excluded.Count;
        return new DashboardView
        {
            Region = region,
            Year = year,
            Summary = summary,
            SummaryError = error,
            Rules = rules,
            Series = series,
            Received = received,
            Expected = summary is null ? reports : received + summary.Missing.Count,
            Reports = reports,
        };
    }

    /// <summary>For the charts script: each series as labels and values (null stays null: no bar for an unknown value).</summary>
    public string ChartJson()
    {
        var rules = Rules.Take(15).Select(r => new
        {
            label = $"{r.Rule} {Title(r.Rule)}",
            value = Reports == 0 ? 0 : Math.Round(100.0 * r.Reports / Reports, 1),
        });
        return JsonSerializer.Serialize(new
        {
            received = new { received = Received, expected = Expected },
            rules = new { title = "各规则未通过的报告占比（%）", points = rules },
            series = Series.Select(s => new { title = s.Title, points = s.Points.Select(p => new { label = p.Label, value = p.Value }) }),
        });
    }

    public static string Title(string rule)
    {
        var rules = TemplateCatalog.Default.Rules;
        return rules.Rules.Any(r => r.Id == rule) ? rules[rule].Title : "";
    }
}
