using System.Globalization;
using System.Net;
using System.Text;
using Nianbao.Template;

namespace Nianbao.Rendering;

/// <summary>A chart as SVG markup with its caption.</summary>
public sealed record Figure(string Title, string Svg);

/// <summary>A chart's data: labelled values, null where the value is unknown. Drawn as SVG here, or by ECharts in the web pages.</summary>
public sealed record ChartSeries(string Title, IReadOnlyList<(string Label, decimal? Value)> Points);

/// <summary>
/// Charts for a summary report, drawn as SVG in code (no chart package is available offline): the outcome of
/// applications (表三's result categories, 总计 column) and the applicant types of new applications. Labels come
/// from the template; a category whose value is unknown is left out, never drawn as 0.
/// </summary>
public static class SummaryCharts
{
    private const int BarHeight = 22, Gap = 8, LabelWidth = 230, PlotWidth = 420, ValueWidth = 80;

    public static IReadOnlyList<Figure> For(AnnualReport report) =>
        Series(report).Select(s => new Figure(s.Title, Bars(s.Points))).ToList();

    /// <summary>The outcome and applicant series of a (summary) report.</summary>
    public static IReadOnlyList<ChartSeries> Series(AnnualReport report)
    {
        if (report.Edition is not { } edition) return [];
        var t3 = TemplateCatalog.Default[edition].Table(3);
        var headings = TemplateCatalog.Default.Text.RenderHeadings;
        // Result categories: （一）予以公开 … ; a group such as （三）不予公开 adds up its numbered rows.
        var outcomes = t3.Rows.Where(r => r.Groups.Count > 0 && r.Id != "t3.total")
            .GroupBy(r => r.Groups.Count > 1 ? r.Groups[1] : r.Label)
            .Select(g => (Label: Short(g.Key), Value: Sum(report, g.Select(r => r.Id + ".total"))))
            .ToList();
        var applicants = t3.Rows.First().Cells.Where(c => !c.Key.EndsWith(".total", StringComparison.Ordinal))
            .Select(c => (Label: c.ColumnLabel, Value: report.Value(c.Key)))
            .ToList();
        return [new ChartSeries(headings.ChartOutcomes, outcomes), new ChartSeries(headings.ChartApplicants, applicants)];
    }

    /// <summary>（二）部分公开（区分处理的，只计这一情形…） → （二）部分公开: the note does not fit a chart label.</summary>
    private static string Short(string label)
    {
        var note = label.IndexOf('（', 1);
        return note > 0 ? label[..note] : label;
    }

    /// <summary>The new applications of each year (from the store's per-year sums), when there are at least two years.</summary>
    public static IReadOnlyList<Figure> Trend(IReadOnlyList<(int Year, decimal? Total)> years)
    {
        if (years.Count < 2) return [];
        var series = TrendSeries(years);
        return [new Figure(series.Title, Bars(series.Points))];
    }

    /// <summary>The cell a year-over-year trend follows: 表三 本年新收政府信息公开申请数量, 总计.</summary>
    public const string TrendKey = "t3.new_received.total";

    public static ChartSeries TrendSeries(IReadOnlyList<(int Year, decimal? Total)> years)
    {
        var headings = TemplateCatalog.Default.Text.RenderHeadings;
        return new ChartSeries(headings.ChartTrend,
            years.Select(y => (Label: headings.YearLabel.Replace("{year}", y.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), Value: y.Total)).ToList());
    }

    private static decimal? Sum(AnnualReport report, IEnumerable<string> keys)
    {
        decimal sum = 0;
        foreach (var k in keys)
        {
            if (report.Value(k) is not { } v) return null;
            sum += v;
        }
        return sum;
    }

    /// <summary>Horizontal bars scaled to the largest value, each labelled with its category and number.</summary>
    public static string Bars(IReadOnlyList<(string Label, decimal? Value)> data)
    {
        var known = data.Where(d => d.Value is not null).ToList();
        var max = known.Count == 0 ? 0 : known.Max(d => d.Value!.Value);
        var height = known.Count * (BarHeight + Gap) + Gap;
        var width = LabelWidth + PlotWidth + ValueWidth;
        var sb = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" " +
                                   "font-family=\"SimSun, 'Noto Serif CJK SC', 'Source Han Serif SC', serif\" font-size=\"13\">");
        for (var i = 0; i < known.Count; i++)
        {
            var (label, value) = known[i];
            var y = Gap + i * (BarHeight + Gap);
            var w = max == 0 ? 0 : (double)(value!.Value / max) * PlotWidth;
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + BarHeight - 6}\" text-anchor=\"end\">{WebUtility.HtmlEncode(label)}</text>");
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{w.ToString("0.#", CultureInfo.InvariantCulture)}\" height=\"{BarHeight}\" fill=\"#3a6ea5\"/>");
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<text x=\"{(LabelWidth + w + 6).ToString("0.#", CultureInfo.InvariantCulture)}\" y=\"{y + BarHeight - 6}\">{value!.Value.ToString(CultureInfo.InvariantCulture)}</text>");
        }
        return sb.Append("</svg>").ToString();
    }
}
