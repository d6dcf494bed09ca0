using Nianbao.Template;

namespace Nianbao.Rendering;

/// <summary>A regional summary report laid out like any report, with its charts and an appendix of its scope.</summary>
public static class SummaryDocument
{
    /// <param name="trend">The region's new applications per year (<c>RegionSummary.Trend</c>), for the year-over-year chart.</param>
    public static ReportDocument Of(AnnualReport summary, IReadOnlyCollection<string> included, IReadOnlyCollection<string> missing,
        IReadOnlyCollection<string> excluded, IReadOnlyList<(int Year, decimal? Total)>? trend = null)
    {
        var headings = TemplateCatalog.Default.Text.RenderHeadings;
        var appendix = new List<string> { RenderHeadings.Fill(headings.Included, included) };
        if (missing.Count > 0) appendix.Add(RenderHeadings.Fill(headings.Missing, missing));
        if (excluded.Count > 0) appendix.Add(RenderHeadings.Fill(headings.Excluded, excluded));
        return ReportDocument.Of(summary) with
        {
            Figures = [.. SummaryCharts.For(summary), .. SummaryCharts.Trend(trend ?? [])],
            Appendix = appendix,
        };
    }
}
