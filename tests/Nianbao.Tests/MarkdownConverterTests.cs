using System.Text;
using Nianbao.Pipeline;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>
/// Markdown as PDF-to-Markdown converters leave a report (issue 11 item 4): tables cut into pieces at page
/// breaks with page footers between them, delimiter rows in the middle, header rows split over two rows,
/// row labels printed as text away from their numbers, table 2's items printed as text ahead of its table.
/// </summary>
public class MarkdownConverterTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "ConverterMarkdown");

    private static AnnualReport Read(string markdown) => ReportPipeline.ParseBytes(Encoding.UTF8.GetBytes(markdown), "x").Report();

    private static readonly string[] Columns = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"];

    /// <summary>What the hand-made variant (another agency, other numbers) prints.</summary>
    private static Dictionary<string, decimal> VariantTruth()
    {
        var cells = new Dictionary<string, decimal>
        {
            ["t2.art20_1.rules.issued"] = 0, ["t2.art20_1.rules.repealed"] = 0, ["t2.art20_1.rules.in_force"] = 0,
            ["t2.art20_1.normative_docs.issued"] = 4, ["t2.art20_1.normative_docs.repealed"] = 1, ["t2.art20_1.normative_docs.in_force"] = 27,
            ["t2.art20_5.licensing.decisions"] = 128, ["t2.art20_6.penalty.decisions"] = 356, ["t2.art20_6.enforcement.decisions"] = 12,
            ["t2.art20_8.fees.amount_wan"] = 0,
        };
        var t3 = new (string Row, int[] Values)[]
        {
            ("new_received", [45, 6, 1, 0, 2, 0, 54]), ("carried_over", [3, 1, 0, 0, 0, 0, 4]),
            ("granted", [20, 3, 1, 0, 1, 0, 25]), ("partially_granted", [5, 1, 0, 0, 0, 0, 6]),
            ("denied.state_secret", [0, 0, 0, 0, 0, 0, 0]), ("denied.law_prohibited", [1, 0, 0, 0, 0, 0, 1]),
            ("denied.security_stability", [0, 0, 0, 0, 0, 0, 0]), ("denied.third_party", [2, 0, 0, 0, 0, 0, 2]),
            ("denied.internal_affairs", [0, 0, 0, 0, 0, 0, 0]), ("denied.process_info", [1, 0, 0, 0, 0, 0, 1]),
            ("denied.enforcement_file", [0, 0, 0, 0, 0, 0, 0]), ("denied.query_matter", [0, 0, 0, 0, 0, 0, 0]),
            ("unable.not_held", [7, 1, 0, 0, 1, 0, 9]), ("unable.needs_creation", [3, 0, 0, 0, 0, 0, 3]),
            ("unable.unclear", [1, 0, 0, 0, 0, 0, 1]),
            ("not_processed.petition", [2, 0, 0, 0, 0, 0, 2]), ("not_processed.duplicate", [1, 0, 0, 0, 0, 0, 1]),
            ("not_processed.publication", [0, 0, 0, 0, 0, 0, 0]), ("not_processed.excessive", [0, 0, 0, 0, 0, 0, 0]),
            ("not_processed.confirmation", [0, 0, 0, 0, 0, 0, 0]),
            ("other.overdue_correction", [1, 1, 0, 0, 0, 0, 2]), ("other.overdue_fee", [0, 0, 0, 0, 0, 0, 0]),
            ("other.other", [2, 0, 0, 0, 0, 0, 2]),
            ("total", [46, 6, 1, 0, 2, 0, 55]), ("carried_forward", [2, 1, 0, 0, 0, 0, 3]),
        };
        foreach (var (row, values) in t3)
            for (int c = 0; c < Columns.Length; c++) cells[$"t3.{row}.{Columns[c]}"] = values[c];
        var t4 = new[] { "reconsideration", "litigation_direct", "litigation_after" };
        var t4Columns = new[] { "upheld", "corrected", "other", "pending", "total" };
        int[] t4Values = [2, 1, 0, 0, 3, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0];
        for (int i = 0; i < 15; i++) cells[$"t4.{t4[i / 5]}.{t4Columns[i % 5]}"] = t4Values[i];
        return cells;
    }

    [Fact]
    public void Converter_markdown_of_another_agency_reads_every_cell_exactly()
    {
        var r = Read(File.ReadAllText(Path.Combine(Dir, "yuhang-scjg-2023.md")));
        Assert.Equal("markdown", ReportPipeline.ParseBytes(File.ReadAllBytes(Path.Combine(Dir, "yuhang-scjg-2023.md")), "x").Format);
        Assert.Equal(Edition.E2021, r.Edition);
        Assert.Equal(2023, r.Year);
        var truth = VariantTruth();
        Assert.Equal(200, truth.Count);
        foreach (var (key, value) in truth) Assert.True(r.Cells[key].Value == value, $"{key}: read {r.Cells[key].Value}, printed {value}");
        Assert.DoesNotContain(r.Findings, f => f.Severity == Severity.Error);

        // Rows read from label-less number rows are named, with the number row as provenance.
        var detached = Assert.Single(r.Findings, f => f.Rule == "READ.DETACHED");
        Assert.Contains("t3.unable.needs_creation.total", detached.Cells);
        Assert.DoesNotContain("t3.granted.total", detached.Cells);
        Assert.NotNull(r.Cells["t3.unable.needs_creation.total"].Source);
    }

    [Fact]
    public void Label_less_rows_whose_count_does_not_match_the_missing_rows_stay_null()
    {
        // One of the four label-less rows between 3.要求提供公开出版物 and 3.其他 is gone: which one is not knowable.
        var text = File.ReadAllText(Path.Combine(Dir, "yuhang-scjg-2023.md")).Replace("| 1 | 1 | 0 | 0 | 0 | 0 | 2 |\n", "", StringComparison.Ordinal);
        var r = Read(text);
        var truth = VariantTruth();
        foreach (var key in new[] { "t3.not_processed.excessive.natural_person", "t3.other.overdue_correction.natural_person", "t3.other.overdue_fee.total" })
            Assert.Null(r.Cells[key].Value);
        foreach (var (key, cell) in r.Cells)
            if (cell.Value is { } v && truth.TryGetValue(key, out var printed))
                Assert.True(v == printed, $"{key}: read {v}, printed {printed}");
    }

    [Fact]
    public void Page_footers_and_stray_delimiter_rows_give_no_numbers()
    {
        var r = Read(File.ReadAllText(Path.Combine(Dir, "yuhang-scjg-2023.md")));
        // "- 3 -", "- 6 -", "第 7 页" sit between table pieces: no cell holds a page number read from them.
        Assert.DoesNotContain(r.Cells.Values, c => c.Source?.Raw is "- 3 -" or "- 6 -" or "第 7 页");
        Assert.Equal(27m, r.Cells["t2.art20_1.normative_docs.in_force"].Value);
        Assert.Equal(0m, r.Cells["t4.litigation_after.total"].Value);
    }

    [Fact]
    public void A_label_row_and_the_number_row_under_it_are_one_row_and_unused_columns_are_no_blanks()
    {
        // Another agency's 表二 as one four-column table: a label cell taller than its numbers printed as its own
        // row, one-value rows padded with empty cells to four columns.
        const string text = """
            杭州市临平区文化和广电旅游体育局2023年政府信息公开工作年度报告

            一、总体情况
            本年度主动公开信息。

            二、主动公开政府信息情况
            ## 表二
            | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
            |---|---|---|---|
            | 第二十条第（一）项 |  |  |  |
            | 规章 | 0 | 0 | 0 |
            | 行政规范性文件 |  |  |  |
            |  | 2 | 0 | 9 |
            | 第二十条第（五）项 |  |  |  |
            | 行政许可 |  |  |  |
            |  | 41 |  |  |
            | 第二十条第（六）项 |  |  |  |
            | 行政处罚 | 17 |  |  |
            | 行政强制 | 0 |  |  |
            | 第二十条第（八）项 |  |  |  |
            | 行政事业性收费 | 0 |  |  |
            """;
        var r = Read(text);
        var expected = new Dictionary<string, decimal>
        {
            ["t2.art20_1.rules.issued"] = 0, ["t2.art20_1.normative_docs.issued"] = 2, ["t2.art20_1.normative_docs.repealed"] = 0,
            ["t2.art20_1.normative_docs.in_force"] = 9, ["t2.art20_5.licensing.decisions"] = 41, ["t2.art20_6.penalty.decisions"] = 17,
            ["t2.art20_6.enforcement.decisions"] = 0, ["t2.art20_8.fees.amount_wan"] = 0,
        };
        foreach (var (key, value) in expected) Assert.True(r.Cells[key].Value == value, $"{key}: read {r.Cells[key].Value}, printed {value}");
    }
}
