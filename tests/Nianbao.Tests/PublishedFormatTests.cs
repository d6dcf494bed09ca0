using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Reading;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>Reports as they are published — CMS web pages and Word documents — read back exactly, with table/row/cell provenance.</summary>
public class PublishedFormatTests
{
    private const int Cases = 100;

    public static TheoryData<string, Edition> Formats() => new()
    {
        { "html", Edition.E2019 }, { "html", Edition.E2021 }, { "docx", Edition.E2019 }, { "docx", Edition.E2021 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Generated_reports_read_back_exactly(string format, Edition edition)
    {
        int cases = 0;
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var truth = ReportGenerator.Generate(seed, edition, 0.6, blankRate: 0.08);
            var bytes = format == "html" ? Encoding.UTF8.GetBytes(PublishedFormats.Html(truth, seed)) : PublishedFormats.Docx(truth, seed);
            var parsed = ReportPipeline.ParseBytes(bytes, "x");
            Assert.Equal(format, parsed.Format);
            var r = parsed.Report();
            string Where() => $"seed {seed} {format} {edition}";
            Assert.True(r.Edition == edition, Where());
            Assert.True(truth.Agency == r.Agency, $"{r.Agency}; {Where()}");
            Assert.True(truth.Year == r.Year, Where());
            Assert.True(truth.Published == r.Published, $"{r.Published}; {Where()}");
            foreach (var (key, expected) in truth.Cells)
            {
                var cell = r.Cells[key];
                Assert.True(cell.Value == expected, $"{key}: read {cell.Value}, printed {expected}; {Where()}");
                Assert.True(truth.Blank.Contains(key) == (cell.Status == CellStatus.Blank), $"{key} blank status; {Where()}");
                Assert.StartsWith("表格", cell.Source?.Where);
            }
            Assert.DoesNotContain(r.Findings, f => f.Severity == Severity.Error);
            cases++;
        });
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithReplay(20261122UL, 97UL), property);
        Assert.Equal(Cases, cases);
    }

    [Fact]
    public void Real_saved_page_reads_every_cell_and_its_cms_date()
    {
        var r = ReportPipeline.ParseFile(Path.Combine(AppContext.BaseDirectory, "RealCorpus", "pingtan-ptzhsyqgwh-2025.html")).Report();
        Assert.Equal(Edition.E2021, r.Edition);
        Assert.Equal("平潭综合实验区管委会办公室", r.Agency);
        Assert.Equal(new DateOnly(2026, 1, 30), r.Published);
        Assert.All(r.Cells.Values, c => Assert.NotNull(c.Value));
        // The flattened text of the same page cannot split 行政规范性文件 "97253"; the HTML table can.
        Assert.Equal([9m, 7m, 253m], new[] { "issued", "repealed", "in_force" }.Select(c => r.Value($"t2.art20_1.normative_docs.{c}")!.Value));
        Assert.Equal(32m, r.Value("t3.new_received.total"));
        Assert.Equal(12m, r.Value("t3.unable.not_held.natural_person"));
        Assert.Equal(2m, r.Value("t4.reconsideration.upheld"));
        // The overview says 34 applications were accepted; the table counts 32 (W1, a real discrepancy).
        Assert.Equal(["T3.W1:正文称“受理公开申请34件”，但表三本年新收申请总计为32件（连同上年结转为32件）"],
            r.Actionable().Select(f => $"{f.Rule}:{f.Message}"));
    }

    [Fact]
    public void Gbk_page_declared_by_meta_charset_is_decoded()
    {
        TextDecoder.EnsureCodePages();
        var truth = ReportGenerator.Generate(3, Edition.E2021, 0.6);
        var html = PublishedFormats.Html(truth, 3).Replace("<meta charset=\"utf-8\"/>", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"/>", StringComparison.Ordinal);
        var r = ReportPipeline.ParseBytes(Encoding.GetEncoding("GB18030").GetBytes(html), "gbk.html").Report();
        Assert.Equal(truth.Agency, r.Agency);
        Assert.Equal(truth.Cells["t3.total.total"], r.Value("t3.total.total"));
    }

    [Fact]
    public void Tables_published_as_images_are_named_in_findings()
    {
        var truth = ReportGenerator.Generate(8, Edition.E2021);
        var html = System.Text.RegularExpressions.Regex.Replace(PublishedFormats.Html(truth, 8), "<table.*?</table>", "<p><img src=\"t.png\"/></p>");
        var r = ReportPipeline.ParseBytes(Encoding.UTF8.GetBytes(html), "img.html").Report();
        Assert.Null(r.Edition);
        Assert.Equal(truth.Agency, r.Agency);
        Assert.Equal(["表二以图片形式发布，无法读取数据", "表三以图片形式发布，无法读取数据", "表四以图片形式发布，无法读取数据"],
            r.Findings.Where(f => f.Rule == "READ.IMAGE").Select(f => f.Message));
    }

    [Fact]
    public void Deeply_nested_html_is_bounded()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 20000)) + "二、主动公开政府信息情况" + string.Concat(Enumerable.Repeat("</div>", 20000)) + "</body></html>";
        var f = ReportPipeline.ParseBytes(Encoding.UTF8.GetBytes(html), "deep.html");
        Assert.Equal("html", f.Format);
        // Deeper than MarkupShape.MaxDepth: refused before AngleSharp parses it (issue 13 item 5; CraftedFileTests).
        Assert.Equal("too_large", f.Error?.Code);
        Assert.Contains("嵌套过深", f.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_numbered_by_word_list_numbering_are_read_with_their_numbers()
    {
        var truth = ReportGenerator.Generate(12, Edition.E2021, 0.6);
        var r = ReportPipeline.ParseBytes(PublishedFormats.Docx(truth, 12, listNumbering: true), "numbered.docx").Report();
        Assert.Equal(["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
            r.Sections.Select(s => s.Heading));
        Assert.DoesNotContain(r.Findings, f => f.Rule is "DOC.E3" or "DOC.H6");
        foreach (var (key, v) in truth.Cells) Assert.Equal(v, r.Value(key));
    }

    [Fact]
    public void Zip_bomb_docx_is_refused()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            using var s = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) s.Write(zeros);
        }
        var f = ReportPipeline.ParseBytes(ms.ToArray(), "bomb.docx");
        Assert.Equal("docx", f.Format);
        Assert.Equal("corrupt", f.Error?.Code);
        Assert.Contains("压缩炸弹", f.Error?.Message);
    }

    [Fact]
    public void Truncated_docx_is_a_clear_error()
    {
        var bytes = PublishedFormats.Docx(ReportGenerator.Generate(5, Edition.E2019), 5);
        var f = ReportPipeline.ParseBytes(bytes[..(bytes.Length / 2)], "cut.docx");
        Assert.NotNull(f.Error);
        Assert.Null(f.Report);
        Assert.NotEqual("internal", f.Error!.Code);
    }
}
