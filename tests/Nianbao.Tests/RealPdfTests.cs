using Nianbao.Pipeline;
using Nianbao.Reading;
using Nianbao.Fixtures;
using Nianbao.Rendering;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>
/// Real PDFs read in-process (PdfPig) against their hand-checked truth (copied from corpus/forms): a WPS PDF as
/// published (UTF-16LE title that broke poppler's XML, fill-and-stroke bold glyphs) and two Chromium prints of real
/// pages (Noto CJK embedded as Type 3). Never a wrong number; at least as many cells exact as pinned here.
/// </summary>
public class RealPdfTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "RealForms", "raw", name);

    /// <summary>The real PDFs go through the ruled grid, not the fallback (RealFormsTests pins their scores).</summary>
    [Theory]
    [InlineData("hongze-2024.wps")]
    [InlineData("pingtan-2023.print")]
    [InlineData("shuyang-fgj-2023.print")]
    public void A_real_pdf_reads_through_the_ruled_grid_with_no_wrong_number(string name)
    {
        var file = ReportPipeline.ParseBytes(File.ReadAllBytes(PathOf(name + ".pdf")), name + ".pdf");
        Assert.Null(file.Error);
        Assert.Equal(("pdf", "pdf-lattice"), (file.Format, file.Layout?.Method));
        var (summary, wrong) = RealFormsTests.Score(name + ".pdf", file);
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
        Assert.StartsWith("right=200 null=0 ", summary);
    }

    [Fact]
    public void A_wps_pdf_whose_title_is_utf16_is_read_and_its_words_match_the_text()
    {
        var result = DocumentReader.Read(File.ReadAllBytes(PathOf("hongze-2024.wps.pdf")));
        Assert.Null(result.Error);
        var text = string.Concat(result.Document!.Blocks.Select(b => b is LayoutLine l ? l.Text : "")).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("淮安市洪泽区人民政府2024年政府信息公开工作年度报告", text);
        using var pages = Nianbao.Reading.Pdf.PdfPigPages.Open(File.ReadAllBytes(PathOf("hongze-2024.wps.pdf")));
        Assert.Equal("政府信息公开工作年度报告", pages.Title);
    }

    [Fact]
    public void A_damaged_real_pdf_is_an_error_object_never_an_exception()
    {
        var bytes = File.ReadAllBytes(PathOf("shuyang-fgj-2023.print.pdf"));
        foreach (var damaged in new[] { bytes[..(bytes.Length / 3)], bytes[..2000], [.. bytes[..200], .. new byte[5000]] })
        {
            var result = DocumentReader.Read(damaged);
            // Lenient parsing may recover some pages of a cut file; what it cannot read is a clear error, never a crash.
            if (result.Error is { } e) Assert.Equal((FileFormat.Pdf, ReadErrorCode.Corrupt), (result.Format, e.Kind));
        }
    }

    /// <summary>A generated 2021 report (another agency, other numbers) as a Markdown table, one line per row.</summary>
    private static (GeneratedReport Generated, List<string> Lines) Markdown(int seed)
    {
        var generated = ReportGenerator.Generate(seed, Edition.E2021, sparse: 0.5);
        return (generated, MarkdownRenderer.Render(generated.ToReport()).Split('\n').ToList());
    }

    [Fact]
    public void A_misprinted_row_label_is_matched_approximately_with_a_finding_but_a_short_label_never_is()
    {
        var (generated, lines) = Markdown(31);
        var text = string.Join("\n", lines)
            .Replace("2.其他法律行政法规禁止公开", "2.其他法律行政禁止公开", StringComparison.Ordinal)   // two characters left out
            .Replace("5.属于三类内部事务信息", "5.属于三类内部事物信息", StringComparison.Ordinal);    // one character wrong
        var report = Parse.Text(text, "misprint.md").Report();
        foreach (var (key, value) in generated.Cells) Assert.True(report.Value(key) == value, $"{key} read {report.Value(key)}, printed {value}");
        Assert.Equal(2, report.Findings.Count(f => f.Rule == "READ.LABEL"));
        Assert.Contains(report.Findings, f => f.Rule == "READ.LABEL" && f.Message.Contains("“其他法律行政禁止公开”", StringComparison.Ordinal));

        // "2.重复申请" misprinted as "2.重夏申请": four characters are too few to tell from another label; the row stays unknown.
        var shortLabel = Parse.Text(string.Join("\n", lines).Replace("2.重复申请", "2.重夏申请", StringComparison.Ordinal), "short.md").Report();
        Assert.DoesNotContain(shortLabel.Findings, f => f.Rule == "READ.LABEL");
        foreach (var (key, value) in generated.Cells) Assert.True(shortLabel.Value(key) is null || shortLabel.Value(key) == value, $"{key} read {shortLabel.Value(key)}, printed {value}");
    }

    [Theory]
    [InlineData(7, true)]
    [InlineData(8, false)]
    [InlineData(23, false)]
    public void A_2021_report_printing_other_handling_as_one_row_reads_zeros_and_leaves_other_values_unknown(int seed, bool zero)
    {
        var generated = ReportGenerator.Generate(seed, Edition.E2021, sparse: 0.5);
        var cells = new Dictionary<string, decimal>(generated.Cells);
        string[] columns = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"];
        string[] others = ["overdue_correction", "overdue_fee", "other"];
        if (zero)
            // Nothing handled "otherwise": those applications are carried forward instead, the arithmetic still holds.
            foreach (var c in columns)
            {
                var d = others.Sum(r => cells[$"t3.other.{r}.{c}"]);
                foreach (var r in others) cells[$"t3.other.{r}.{c}"] = 0;
                cells[$"t3.total.{c}"] -= d;
                cells[$"t3.carried_forward.{c}"] += d;
            }
        var lines = MarkdownRenderer.Render(generated.ToReport(cells)).Split('\n').ToList();
        var sub = lines.Where(l => l.Contains("（六）其他处理", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, sub.Count);
        var sums = columns.Select(c => others.Sum(r => cells[$"t3.other.{r}.{c}"])).ToList();
        Assert.Equal(zero, sums.All(v => v == 0));
        // The 2019 edition's single row, each column the sum of the three new rows.
        int at = lines.IndexOf(sub[0]);
        lines.RemoveAll(sub.Contains);
        lines.Insert(at, "| 三、本年度办理结果 （六）其他处理 | " + string.Join(" | ", sums) + " |");
        var report = Parse.Text(string.Join("\n", lines), "old-row.md").Report();
        var old = Assert.Single(report.Findings, f => f.Rule == "READ.OLD_ROW");
        foreach (var (key, value) in cells)
        {
            if (key.StartsWith("t3.other.", StringComparison.Ordinal))
                Assert.True(zero ? report.Value(key) == 0 : report.Value(key) is null, $"{key} read {report.Value(key)}");
            else
                Assert.True(report.Value(key) == value, $"{key} read {report.Value(key)}, printed {value}");
        }
        Assert.Contains(zero ? "均按0读取" : "无法确定", old.Message);
        Assert.Contains("按2019年版格式印为一行", old.Message);
    }
}
