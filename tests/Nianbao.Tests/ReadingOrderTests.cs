using System.Text;
using System.Text.Json;
using Nianbao.Template;
using Nianbao.Tests.Support;
using Xunit.Abstractions;

namespace Nianbao.Tests;

/// <summary>
/// Reading-order text (issue 11 items 3 and 11): tables whose cells come one per line, row labels
/// sometimes first and their numbers after, empty cells sometimes printed as nothing, whole files joined
/// onto one line. Every cell must be exact or null — a number the page does not prove is never given.
/// </summary>
public class ReadingOrderTests(ITestOutputHelper output)
{
    private static string Dir(string sub) => Path.Combine(AppContext.BaseDirectory, sub);

    public static TheoryData<string> Samples() =>
        new(Directory.GetFiles(Dir("Truth"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!);

    /// <summary>Some extractors give a file with its line breaks turned into spaces (sample 004 read four cells wrong).</summary>
    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_joined_onto_one_line_is_exact_or_null_never_wrong(string name)
    {
        var text = File.ReadAllText(Parse.SamplePath(name + ".txt")).Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
        var report = Parse.Text(text, name + ".txt").Report();
        var (right, nulls) = AssertNeverWrong(report, Truth(Path.Combine(Dir("Truth"), name + ".json")), name);
        output.WriteLine($"{name} one line: {right} right, {nulls} null, 0 wrong");
        Assert.True(right > 0);
    }

    [Fact]
    public void Sample_004_on_one_line_claims_no_resolution_it_cannot_prove()
    {
        var text = File.ReadAllText(Parse.SamplePath("004_4ba04a4f04c18fe3.txt")).Replace('\n', ' ');
        var r = Parse.Text(text, "004.txt").Report();
        // The page says −2 and −1 here: 0 "resolved by arithmetic" was a guess from the label's line.
        foreach (var key in new[] { "t2.art20_5.other_services.change", "t2.art20_6.enforcement.change" })
            Assert.True(r.Cells[key].Value is null || r.Cells[key].Value != 0, key);
        // No negative number under 处理决定数量.
        foreach (var key in new[] { "t2.art20_5.licensing.decisions", "t2.art20_6.penalty.decisions" })
            Assert.True(r.Cells[key].Value is null or >= 0, key);
        Assert.DoesNotContain(r.Findings, f => f.Rule == "CELL.H5");
    }

    /// <summary>Real pdftotext output: at least what the page proves today (a ratchet), never a wrong cell.</summary>
    [Theory]
    [InlineData("pingtan-2023.plain", 180)]
    [InlineData("shuyang-fgj-2023.plain", 10)]
    public void Real_reading_order_text_is_exact_or_null(string stem, int atLeast)
    {
        var report = Parse.Text(File.ReadAllText(Path.Combine(Dir("RealForms"), "raw", stem + ".txt")), stem + ".txt").Report();
        var (right, nulls) = AssertNeverWrong(report, Truth(Path.Combine(Dir("RealForms"), "truth", stem + ".json")), stem);
        output.WriteLine($"{stem}: {right} right, {nulls} null, 0 wrong");
        Assert.True(right >= atLeast, $"{stem}: {right} right, expected at least {atLeast}");
    }

    [Fact]
    public void Pingtan_plain_table_three_is_read_whole_though_two_labels_come_before_their_numbers()
    {
        var stem = "pingtan-2023.plain";
        var report = Parse.Text(File.ReadAllText(Path.Combine(Dir("RealForms"), "raw", stem + ".txt")), stem + ".txt").Report();
        var truth = Truth(Path.Combine(Dir("RealForms"), "truth", stem + ".json"));
        foreach (var (key, want) in truth.Where(t => t.Key.StartsWith("t3.", StringComparison.Ordinal)))
            Assert.True(report.Cells[key].Value == want, $"{key}: {report.Cells[key].Value} ≠ {want}");
    }

    // ------------------------------------------------------------------ hand-made variants (another agency)

    private const string Agency = "青石县交通运输局";

    /// <summary>A consistent 2019-edition 表三 with numbers in several columns (not the samples' zeros).</summary>
    private static readonly (string Label, string Key, int[] Values)[] Table3 =
    [
        ("一、本年新收政府信息公开申请数量", "new_received", [40, 3, 0, 2, 0, 2, 47]),
        ("二、上年结转政府信息公开申请数量", "carried_over", [2, 0, 0, 0, 0, 0, 2]),
        ("三、本年度办理结果\n（一）予以公开", "granted", [20, 1, 0, 1, 0, 0, 22]),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted", [5, 1, 0, 0, 0, 0, 6]),
        ("（三）不予公开\n1.属于国家秘密", "denied.state_secret", [0, 0, 0, 0, 0, 0, 0]),
        ("2.其他法律行政法规禁止公开", "denied.law_prohibited", [0, 0, 0, 0, 0, 0, 0]),
        ("3.危及“三安全一稳定”", "denied.security_stability", [1, 0, 0, 0, 0, 0, 1]),
        ("4.保护第三方合法权益", "denied.third_party", [0, 0, 0, 1, 0, 0, 1]),
        ("5.属于三类内部事务信息", "denied.internal_affairs", [0, 0, 0, 0, 0, 0, 0]),
        ("6.属于四类过程性信息", "denied.process_info", [0, 0, 0, 0, 0, 0, 0]),
        ("7.属于行政执法案卷", "denied.enforcement_file", [0, 0, 0, 0, 0, 0, 0]),
        ("8.属于行政查询事项", "denied.query_matter", [0, 0, 0, 0, 0, 0, 0]),
        ("（四）无法提供\n1.本机关不掌握相关政府信息", "unable.not_held", [8, 0, 0, 0, 0, 1, 9]),
        ("2.没有现成信息需要另行制作", "unable.needs_creation", [2, 0, 0, 0, 0, 0, 2]),
        ("3.补正后申请内容仍不明确", "unable.unclear", [0, 0, 0, 0, 0, 0, 0]),
        ("（五）不予处理\n1.信访举报投诉类申请", "not_processed.petition", [1, 0, 0, 0, 0, 0, 1]),
        ("2.重复申请", "not_processed.duplicate", [0, 0, 0, 0, 0, 0, 0]),
        ("3.要求提供公开出版物", "not_processed.publication", [0, 0, 0, 0, 0, 0, 0]),
        ("4.无正当理由大量反复申请", "not_processed.excessive", [0, 0, 0, 0, 0, 0, 0]),
        ("5.要求行政机关确认或重新出具已获取信息", "not_processed.confirmation", [0, 0, 0, 0, 0, 0, 0]),
        ("（六）其他处理", "other", [2, 1, 0, 0, 0, 0, 3]),
        ("（七）总计", "total", [39, 3, 0, 2, 0, 1, 45]),
        ("四、结转下年度继续办理", "carried_forward", [3, 0, 0, 0, 0, 1, 4]),
    ];

    private static readonly string[] Columns = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"];

    /// <summary>
    /// pdftotext of a ruled table: one cell per line; the labels of (一)/(二) and of (四)1/(四)2 come first and
    /// their fourteen numbers after. The numbers fill exactly those rows' cells, so the reading is unique.
    /// </summary>
    [Fact]
    public void Labels_first_then_numbers_are_assigned_in_order_when_they_fill_the_rows_exactly()
    {
        var report = Parse.Text(WithTable3(Table3Text(labelsFirst: ["granted", "unable.not_held"], omitBlanks: false))).Report();
        Assert.Equal(Agency, report.Agency);
        foreach (var (_, key, values) in Table3)
            for (int c = 0; c < Columns.Length; c++)
                Assert.True(report.Value($"t3.{key}.{Columns[c]}") == values[c], $"t3.{key}.{Columns[c]}: {report.Value($"t3.{key}.{Columns[c]}")} ≠ {values[c]}");
    }

    /// <summary>Labels first but one number too many after them: those rows cannot be told apart (null), the rest stay exact.</summary>
    [Fact]
    public void Labels_first_with_numbers_that_do_not_fill_the_rows_leave_only_those_rows_null()
    {
        var text = Table3Text(labelsFirst: ["granted"], omitBlanks: false);
        // A stray number after the group (a page number, a footnote mark): 15 numbers for 14 cells.
        text = text.Replace("\n（三）不予公开", "\n7\n（三）不予公开", StringComparison.Ordinal);
        var report = Parse.Text(WithTable3(text)).Report();
        foreach (var (_, key, values) in Table3)
            for (int c = 0; c < Columns.Length; c++)
            {
                var v = report.Value($"t3.{key}.{Columns[c]}");
                if (key is "granted" or "partially_granted") Assert.True(v is null, $"t3.{key}.{Columns[c]} = {v}, expected null");
                else Assert.True(v == values[c], $"t3.{key}.{Columns[c]}: {v} ≠ {values[c]}");
            }
    }

    /// <summary>
    /// Three labels first, but the numbers of one of them lost (a converter dropped a table row): 14 numbers
    /// would fit the last two rows, yet the first label's numbers are unaccounted for, so none of the three is read.
    /// </summary>
    [Fact]
    public void Labels_first_whose_numbers_fit_only_part_of_the_run_leave_the_whole_run_null()
    {
        var report = Parse.Text(WithTable3(Table3Text(labelsFirst: ["unable.not_held", "unable.needs_creation"], omitBlanks: false, dropped: "unable.needs_creation"))).Report();
        foreach (var (_, key, values) in Table3)
            for (int c = 0; c < Columns.Length; c++)
            {
                var v = report.Value($"t3.{key}.{Columns[c]}");
                if (key.StartsWith("unable.", StringComparison.Ordinal)) Assert.True(v is null, $"t3.{key}.{Columns[c]} = {v}, expected null");
                else Assert.True(v == values[c], $"t3.{key}.{Columns[c]}: {v} ≠ {values[c]}");
            }
    }

    /// <summary>
    /// A row whose first numbers (zeros) follow its label and the rest the next label: it may not be read as
    /// "empty cells printed as nothing" (all 0) — its total went to the next row, which now has too many.
    /// </summary>
    [Fact]
    public void A_row_whose_numbers_run_past_the_next_label_is_null_not_zero()
    {
        var report = Parse.Text(WithTable3(Table3Text(labelsFirst: [], omitBlanks: false, spill: ("denied.third_party", 3)))).Report();
        foreach (var (_, key, values) in Table3)
            for (int c = 0; c < Columns.Length; c++)
            {
                var v = report.Value($"t3.{key}.{Columns[c]}");
                if (key is "denied.third_party" or "denied.internal_affairs") Assert.True(v is null, $"t3.{key}.{Columns[c]} = {v}, expected null");
                else Assert.True(v == values[c], $"t3.{key}.{Columns[c]}: {v} ≠ {values[c]}");
            }
    }

    /// <summary>
    /// Empty cells printed as nothing (as in shuyang's pdftotext): a row of k numbers for 7 cells. A row
    /// printing only zeros is all zeros; a row total is proved by H1 (it is the last column, the sum of the
    /// others); which of the other columns a number sits in the arithmetic does not tell: null.
    /// </summary>
    [Fact]
    public void Blank_cells_printed_as_nothing_give_what_the_arithmetic_proves_and_null_elsewhere()
    {
        var report = Parse.Text(WithTable3(Table3Text(labelsFirst: [], omitBlanks: true))).Report();
        int right = 0, nulls = 0;
        foreach (var (_, key, values) in Table3)
        {
            for (int c = 0; c < Columns.Length; c++)
            {
                var v = report.Value($"t3.{key}.{Columns[c]}");
                if (v is null) { nulls++; continue; }
                Assert.True(v == values[c], $"t3.{key}.{Columns[c]}: {v} ≠ {values[c]}");
                right++;
            }
            if (values.All(v => v == 0))
                for (int c = 0; c < Columns.Length; c++) Assert.Equal(0m, report.Value($"t3.{key}.{Columns[c]}"));
            // A total can only be the row's last number (were it empty, every other cell would be 0 too).
            Assert.Equal(values[6], report.Value($"t3.{key}.total"));
        }
        output.WriteLine($"blanks omitted: {right} right, {nulls} null, 0 wrong");
        Assert.True(nulls > 0);
    }

    /// <summary>
    /// The table in reading order; rows in <paramref name="labelsFirst"/> print their numbers after the next
    /// row's label; with <paramref name="omitBlanks"/>, zero cells print as nothing except the first and the
    /// total; the <paramref name="dropped"/> row's numbers are lost.
    /// </summary>
    private static string Table3Text(string[] labelsFirst, bool omitBlanks, string? dropped = null, (string Key, int Printed)? spill = null)
    {
        var sb = new StringBuilder("三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之\n和，等于第三项加第四项之和）\n申请人情况\n法人或其他组织\n自然人\n商业\n企业\n科研\n机构\n社会\n公益\n组织\n法律\n服务\n机构\n其他\n总计\n");
        var pending = new List<int>();
        for (int r = 0; r < Table3.Length; r++)
        {
            var (label, key, values) = Table3[r];
            sb.Append(label).Append('\n');
            var printed = key == dropped ? [] : values.Where((v, c) => !omitBlanks || c == 0 || c == 6 || v != 0);
            if (labelsFirst.Contains(key))
            {
                pending.AddRange(printed);
                continue;
            }
            if (spill is { } sp && sp.Key == key)
            {
                // The first numbers on the label's line, the rest after the next label (as pdftotext does with 表二 of pingtan).
                foreach (var v in pending.Concat(printed).Take(pending.Count + sp.Printed)) sb.Append('\n').Append(v).Append('\n');
                pending = printed.Skip(sp.Printed).ToList();
                continue;
            }
            pending.AddRange(printed);
            foreach (var v in pending) sb.Append('\n').Append(v).Append('\n');
            pending.Clear();
        }
        return sb.ToString();
    }

    /// <summary>Sample 002's report (2019 edition, reading-order text) under another agency's name, with this 表三.</summary>
    private static string WithTable3(string table3)
    {
        var text = File.ReadAllText(Parse.SamplePath("002_f4cbcc3e5ae112d9.txt")).Replace("长子县中小企业服务中心", Agency, StringComparison.Ordinal);
        int from = text.IndexOf("三、收到和处理政府信息公开申请情况", StringComparison.Ordinal);
        int to = text.IndexOf("四、政府信息公开行政复议、行政诉讼情况", StringComparison.Ordinal);
        return text[..from] + table3 + "\n" + text[to..];
    }

    // ------------------------------------------------------------------ helpers

    private static Dictionary<string, decimal> Truth(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("cells").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetDecimal());
    }

    private static (int Right, int Nulls) AssertNeverWrong(AnnualReport report, Dictionary<string, decimal> truth, string name)
    {
        int right = 0, nulls = 0;
        var wrong = new List<string>();
        foreach (var (key, want) in truth)
        {
            if (!report.Cells.TryGetValue(key, out var cell)) continue;
            if (cell.Value is null) nulls++;
            else if (cell.Value == want) right++;
            else wrong.Add($"{key}: {cell.Value} ≠ {want} ({cell.Status})");
        }
        Assert.True(wrong.Count == 0, $"{name}: {wrong.Count} wrong\n" + string.Join("\n", wrong));
        return (right, nulls);
    }
}
