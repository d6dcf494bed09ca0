using System.Globalization;
using Nianbao.Rendering;
using Nianbao.Storage;
using Nianbao.Summary;
using Nianbao.Template;

namespace Nianbao.Export.Review;

/// <summary>A titled table of the review report: the same rows go to Word, Excel and HTML.</summary>
/// <param name="Sheet">The worksheet name in the XLSX (≤ 31 characters).</param>
public sealed record ReviewTable(string Heading, string Sheet, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A block of the review report: a heading, a paragraph, a table or a chart.</summary>
public abstract record ReviewBlock;
public sealed record ReviewHeading(string Text) : ReviewBlock;
public sealed record ReviewParagraph(string Text) : ReviewBlock;
public sealed record ReviewTableBlock(ReviewTable Table) : ReviewBlock;
public sealed record ReviewFigure(Figure Figure) : ReviewBlock;

/// <summary>
/// The annual review report (年报审查情况通报) laid out once from <see cref="ReviewReportData"/>: coverage, verdicts,
/// top risks, the metric table with peer quartiles, each agency's open findings with the cell's source, charts and an
/// appendix of evidence (source file, SHA-256, version). Every number is the store's; nothing is recomputed here
/// except counts of the listed rows.
/// </summary>
public static class ReviewDocument
{
    public static string Title(ReviewReportData d) => $"{d.Region.Split('/')[^1]}{d.Year}年度政府信息公开工作年度报告审查情况";

    public static IReadOnlyList<ReviewBlock> Of(ReviewReportData d)
    {
        var blocks = new List<ReviewBlock>();
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);

        blocks.Add(new ReviewHeading("一、报送情况"));
        blocks.Add(new ReviewParagraph($"应报送机关{N(d.Expected)}个，已报送{N(d.Received)}个，未报送{N(d.Missing)}个，逾期{N(d.Late)}个。" +
            "期限依《中华人民共和国政府信息公开条例》第四十九条：政府部门1月31日前，本级人民政府3月31日前；乡镇、街道无法定期限；" +
            "按报告落款或注明的日期判断，未注明日期的无法判断。"));
        blocks.Add(new ReviewTableBlock(Coverage(d)));

        blocks.Add(new ReviewHeading("二、审查结论"));
        foreach (var g in d.Agencies.GroupBy(a => a.Verdict))
            blocks.Add(new ReviewParagraph($"{g.Key}：{N(g.Count())}个（{string.Join("、", g.Select(a => a.Agency))}）。"));

        blocks.Add(new ReviewHeading("三、主要风险"));
        blocks.Add(new ReviewTableBlock(Risks(d)));

        blocks.Add(new ReviewHeading("四、主要指标与同类比较"));
        if (d.Peers is { } peers)
        {
            blocks.Add(new ReviewParagraph($"同类范围：{peers.Region}全部已报送机关。百分位按 Excel PERCENTILE.INC 线性插值，保留两位小数；不适用或无法读取的数值不计入。指标定义见 docs/metrics.md。"));
            blocks.Add(new ReviewTableBlock(Quartiles(peers)));
            blocks.Add(new ReviewTableBlock(AgencyMetrics(peers)));
        }
        else blocks.Add(new ReviewParagraph("本年度没有已报送的报告，无指标可比。"));

        blocks.Add(new ReviewHeading("五、各机关待整改问题"));
        blocks.Add(new ReviewTableBlock(Findings(d)));

        var figures = Figures(d);
        if (figures.Count > 0)
        {
            blocks.Add(new ReviewHeading("六、图表"));
            blocks.AddRange(figures.Select(f => new ReviewFigure(f)));
        }

        blocks.Add(new ReviewHeading("附录：证据"));
        blocks.Add(new ReviewTableBlock(Evidence(d)));
        return blocks;
    }

    public static IEnumerable<ReviewTable> Tables(IReadOnlyList<ReviewBlock> blocks) =>
        blocks.OfType<ReviewTableBlock>().Select(b => b.Table);

    private static ReviewTable Coverage(ReviewReportData d) => new("报送情况", "报送情况",
        ["机关", "地区", "类别", "报告日期", "法定期限", "报送情况", "审查结论", "错误", "警告"],
        d.Agencies.Select(a => (IReadOnlyList<string>)[a.Agency, a.Region ?? "", a.Kind, a.Published ?? "", a.Deadline ?? "",
            a.Timeliness, a.Verdict, a.ReportId is null ? "" : a.Errors.ToString(CultureInfo.InvariantCulture),
            a.ReportId is null ? "" : a.Warnings.ToString(CultureInfo.InvariantCulture)]).ToList());

    private static ReviewTable Risks(ReviewReportData d) => new("主要风险", "主要风险", ["风险", "规则", "机关数", "机关"],
        d.Risks.Select(r => (IReadOnlyList<string>)[r.Name, string.Join("、", r.Rules), r.Agencies.Count.ToString(CultureInfo.InvariantCulture),
            string.Join("、", r.Agencies)]).ToList());

    /// <summary>An agency's value as stored (a rate already has its 2 decimals; an amount keeps all of its own).</summary>
    private static string Exact(decimal? v, MetricDef def) => v is { } x ? MetricCalculator.Format(x, def) : "";

    /// <summary>A quartile (interpolated) rounded to 2 decimals for reading.</summary>
    private static string Num(decimal? v, MetricDef def) =>
        v is { } x ? MetricCalculator.Format(Math.Round(x, 2, MidpointRounding.AwayFromZero), def) : "";

    private static ReviewTable Quartiles(PeerComparison p) => new("指标分位数", "指标分位数",
        ["指标", "单位", "有值机关数", "P25", "P50", "P75", "最小", "最大"],
        p.Metrics.Select(m => (IReadOnlyList<string>)[m.Metric.Name, m.Metric.Unit, m.Count.ToString(CultureInfo.InvariantCulture),
            Num(m.P25, m.Metric), Num(m.P50, m.Metric), Num(m.P75, m.Metric), Exact(m.Min, m.Metric), Exact(m.Max, m.Metric)]).ToList());

    private static ReviewTable AgencyMetrics(PeerComparison p) => new("各机关指标及百分位", "各机关指标",
        ["机关", "指标", "单位", "数值", "百分位"],
        p.Metrics.SelectMany(m => m.Values.Select(v => (IReadOnlyList<string>)[v.Agency, m.Metric.Name, m.Metric.Unit,
            v.Value is null ? MetricValue.Missing(v.Reason) : Exact(v.Value, m.Metric),
            v.Rank?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""])).ToList());

    private static ReviewTable Findings(ReviewReportData d) => new("各机关待整改问题", "问题",
        ["机关", "规则", "级别", "问题", "单元格", "来源", "复核状态"],
        d.Agencies.SelectMany(a => a.Findings.Select(f => (IReadOnlyList<string>)[a.Agency, f.Rule,
            f.Severity == "error" ? "错误" : "警告", f.Message, f.Cells, f.Source ?? "", f.Status])).ToList());

    private static ReviewTable Evidence(ReviewReportData d) => new("证据", "证据",
        ["机关", "报告编号", "版次", "来源文件", "SHA-256"],
        d.Agencies.Where(a => a.ReportId is not null).Select(a => (IReadOnlyList<string>)[a.Agency,
            a.ReportId!.Value.ToString(CultureInfo.InvariantCulture), a.Version?.ToString(CultureInfo.InvariantCulture) ?? "",
            a.SourcePath ?? "", a.Sha256 ?? ""]).ToList());

    /// <summary>Verdicts and risks as bars, then the region's summed outcome charts (SummaryCharts, as the summary report).</summary>
    private static List<Figure> Figures(ReviewReportData d)
    {
        var list = new List<Figure>
        {
            new("审查结论", SummaryCharts.Bars(d.Agencies.GroupBy(a => a.Verdict).Select(g => (g.Key, (decimal?)g.Count())).ToList())),
            new("主要风险（机关数）", SummaryCharts.Bars(d.Risks.Select(r => (r.Name, (decimal?)r.Agencies.Count)).ToList())),
        };
        if (d.Summary is { } s) list.AddRange(SummaryCharts.For(s));
        return list;
    }
}
