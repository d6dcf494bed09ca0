using System.Text;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Reading;
using Nianbao.Reading.Ocr;
using Nianbao.Storage;
using Nianbao.Tools;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>
/// Cost limits per file (issue 13 item 5) and a hostile corpus: bombs are refused before the costly step, one file's
/// time budget ends only that file, and random, cut and special files each get a clear error while the rest is stored.
/// No assertion on time: a zero budget shows where a refusal happens (a refusal before the first checkpoint is
/// its own error, not <c>timeout</c>); the time and memory of each crafted file are in docs/benchmarks.md.
/// </summary>
public class CraftedFileTests
{
    private static string RealForm(string name) => Path.Combine(AppContext.BaseDirectory, "RealForms", "raw", name);

    private static ParsedFile Zero(byte[] bytes, string name) => ReportPipeline.ParseBytes(bytes, name, TimeSpan.Zero);

    [Fact]
    public void Html_nested_100000_deep_is_refused_before_it_is_parsed()
    {
        // With no time at all, reaching AngleSharp's tree would be a timeout: the refusal comes first.
        var parsed = Zero(CraftedFiles.DeepHtml(100_000), "deep.html");
        Assert.Equal(("html", "too_large"), (parsed.Format, parsed.Error?.Code));
        Assert.Contains("嵌套过深", parsed.Error!.Message, StringComparison.Ordinal);
        // Self-closing syntax does not close a div in HTML: the same bomb.
        Assert.NotNull(MarkupShape.Refusal(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<div/>", 100_000)))));
    }

    [Fact]
    public void The_depth_and_element_limits_are_exact()
    {
        Assert.Null(MarkupShape.Refusal(CraftedFiles.DeepHtml(MarkupShape.MaxDepth)));
        Assert.Contains("嵌套过深", MarkupShape.Refusal(CraftedFiles.DeepHtml(MarkupShape.MaxDepth + 1)));
        Assert.Contains("嵌套过深", MarkupShape.Refusal(CraftedFiles.DeepHtml(MarkupShape.MaxDepth + 1, "span")));
        Assert.Null(MarkupShape.Refusal(CraftedFiles.WideHtml(MarkupShape.MaxElements - 10)));
        Assert.Contains("元素过多", MarkupShape.Refusal(CraftedFiles.WideHtml(MarkupShape.MaxElements)));
    }

    [Theory]
    // Elements HTML closes by itself: unclosed paragraphs, list items, cells and rows, as CMS editors leave them.
    [InlineData("<p>第{0}段", 5000)]
    [InlineData("<li>第{0}项", 5000)]
    [InlineData("<table><tr><td>{0}<td>1<tr><td>2<div>未闭合</table>", 3000)]
    [InlineData("<dl><dt>{0}<dd>说明</dl>", 3000)]
    [InlineData("<svg><path d=\"M0 0\"/><rect/></svg>{0}", 3000)]
    [InlineData("<p>{0}<div>块</div>", 3000)]
    [InlineData("<script>if (a < b) {{ document.write('<div><div><div>'); }}</script>{0}", 3000)]
    [InlineData("<!-- <div><div> -->{0}<!doctype html><?xml x?>", 3000)]
    [InlineData("<td title=\"<div>\">{0}</td>", 3000)]
    public void Html_that_html_closes_by_itself_is_not_counted_as_deep(string piece, int times)
    {
        var html = "<html><body>" + string.Concat(Enumerable.Range(0, times).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, piece, i))) + "</body></html>";
        Assert.Null(MarkupShape.Refusal(Encoding.UTF8.GetBytes(html)));
    }

    [Fact]
    public void Every_real_and_generated_web_page_passes_the_shape_check()
    {
        var real = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "RealForms", "raw"), "*.html")
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "RealCorpus"), "*.html")).ToList();
        Assert.NotEmpty(real);
        foreach (var file in real) Assert.True(MarkupShape.Refusal(File.ReadAllBytes(file)) is null, file);
        for (int seed = 0; seed < 20; seed++)
        {
            var page = PublishedFormats.Html(ReportGenerator.Generate(seed, seed % 2 == 0 ? Nianbao.Template.Edition.E2019 : Nianbao.Template.Edition.E2021, 0.5), seed);
            Assert.Null(MarkupShape.Refusal(Encoding.UTF8.GetBytes(page)));
            Assert.Null(MarkupShape.Refusal(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(page)).ToArray()));
        }
        // UTF-16 does not hide a bomb.
        var deep = Encoding.UTF8.GetString(CraftedFiles.DeepHtml(1000));
        Assert.NotNull(MarkupShape.Refusal(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(deep)).ToArray()));
    }

    [Theory]
    [InlineData("quotes", 100_000)]
    [InlineData("quotes", 600)]
    [InlineData("openers", 2000)] // Markdig parses these, and its renderer refuses the depth
    [InlineData("openers", 20_000)]
    [InlineData("list", 100_000)] // 19 s in Markdig before the line check
    public void Deeply_nested_markdown_gets_a_clear_error(string kind, int depth)
    {
        var bytes = kind switch
        {
            "quotes" => CraftedFiles.DeepMarkdown(depth),
            "list" => CraftedFiles.DeepListMarkdown(depth),
            _ => CraftedFiles.OpenersMarkdown(depth),
        };
        var parsed = ReportPipeline.ParseBytes(bytes, "deep.md");
        Assert.Null(parsed.Report);
        Assert.NotEqual("internal", parsed.Error?.Code);
        Assert.False(string.IsNullOrWhiteSpace(parsed.Error?.Message));
    }

    [Fact]
    public void A_list_nested_100000_deep_on_one_line_is_refused_before_markdig_and_real_markdown_passes()
    {
        // Zero budget: the refusal is the line check's own error, before any parsing or walk.
        var parsed = Zero(CraftedFiles.DeepListMarkdown(100_000), "list.md");
        Assert.Equal(("markdown", "too_large"), (parsed.Format, parsed.Error?.Code));
        Assert.Contains("100000 层", parsed.Error!.Message, StringComparison.Ordinal);
        Assert.Null(Nianbao.Reading.Markdown.MarkdownShape.Refusal(File.ReadAllText(RealForm("shanghai-kewei-2024.md"))));
        Assert.Null(Nianbao.Reading.Markdown.MarkdownShape.Refusal("- - -\n> > 引用\n1. 2. 3. x\n" + string.Concat(Enumerable.Repeat("- ", 100))));
        Assert.NotNull(Nianbao.Reading.Markdown.MarkdownShape.Refusal(string.Concat(Enumerable.Repeat("> 1. ", 51))));
    }

    [Fact]
    public void A_png_of_14000_squared_is_refused_from_its_header()
    {
        var png = CraftedFiles.BigPng(14_000, 14_000);
        Assert.True(png.Length < 1024 * 1024, $"{png.Length} bytes");
        Assert.Equal([(14_000, 14_000)], ImageSize.Pages(png));
        // Decoding or OCR would meet the zero budget's checkpoint first: the header refused it before either.
        var parsed = Zero(png, "big.png");
        Assert.Equal(("image", "too_large"), (parsed.Format, parsed.Error?.Code));
        Assert.Contains("14000×14000", parsed.Error!.Message, StringComparison.Ordinal);
        var jpeg = Zero(CraftedFiles.BigJpegHeader(60_000, 60_000), "big.jpg");
        Assert.Equal(("image", "too_large"), (jpeg.Format, jpeg.Error?.Code));
    }

    [Fact]
    public void A_docx_with_45_mb_of_body_xml_is_refused_before_the_sdk_reads_it()
    {
        var docx = CraftedFiles.BigDocx(1_000_000);
        Assert.True(docx.Length < 16 * 1024 * 1024, $"{docx.Length} bytes");
        var parsed = Zero(docx, "huge-body.docx");
        Assert.Equal(("docx", "too_large"), (parsed.Format, parsed.Error?.Code));
        // Under the limit the same construction is read (not a report, but read).
        var small = ReportPipeline.ParseBytes(CraftedFiles.BigDocx(1000), "small.docx");
        Assert.Equal("docx", small.Format);
        Assert.DoesNotContain(small.Error?.Code, new[] { "too_large", "corrupt", "internal", "timeout" });
    }

    [Fact]
    public void Image_headers_give_the_dimensions_of_real_encoders()
    {
        Assert.Equal([(300, 200)], ImageSize.Pages(CraftedFiles.BigPng(300, 200)));
        Assert.Equal([(1234, 567)], ImageSize.Pages(CraftedFiles.BigJpegHeader(1234, 567)));
        Assert.Null(ImageSize.Pages("II*\0\x10\0\0\0"u8.ToArray()));
    }

    [Theory]
    [InlineData(595, 842, OcrReader.Dpi)] // A4
    [InlineData(595.2, 842.4, OcrReader.Dpi)] // a scanner's A4 (RealScans)
    [InlineData(612, 792, OcrReader.Dpi)] // Letter
    [InlineData(841.89, 1190.55, 222)] // A3
    [InlineData(7000, 7000, 31)]
    [InlineData(14400, 14400, 15)]
    public void A_page_larger_than_a4_is_drawn_at_a_lower_resolution(double w, double h, int dpi)
    {
        Assert.Equal(dpi, OcrReader.PageDpi(w, h));
        Assert.True(w / 72 * dpi * (h / 72 * dpi) <= OcrReader.MaxPagePixels * 1.01);
    }

    [Fact]
    public void An_image_pdf_with_a_7000_point_page_is_read_within_the_page_budget_and_leaves_no_page_files()
    {
        var pdf = CraftedFiles.ImagePdf(7000);
        Assert.True(pdf.Length < 1024, $"{pdf.Length} bytes");
        var dir = Directory.CreateTempSubdirectory("nianbao-bigpage-").FullName;
        try
        {
            var path = Path.Combine(dir, "in.pdf");
            File.WriteAllBytes(path, pdf);
            // The square is not text: OCR finds none (the page drawn at 31 dpi, 9.4 million pixels, not 850 million).
            var read = OcrReader.ReadPdf(path, dir, [(7000, 7000)]);
            Assert.Equal((FileFormat.Pdf, "no_text"), (read.Format, read.Error?.Code));
            Assert.Equal([path], Directory.GetFiles(dir));
            // Stopped by its budget, a read leaves nothing behind either.
            using (ReadBudget.Start(TimeSpan.Zero))
                Assert.ThrowsAny<OperationCanceledException>(() => OcrReader.ReadPdf(path, dir, [(7000, 7000), (7000, 7000)]));
            Assert.Equal([path], Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, recursive: true); }
        var many = ReportPipeline.ParseBytes(CraftedFiles.ImagePdf(595, OcrReader.MaxPages + 1), "many-pages.pdf");
        Assert.Equal(("pdf", "too_large"), (many.Format, many.Error?.Code));
    }

    [Fact]
    public void A_file_over_its_time_budget_gets_a_timeout_and_the_batch_goes_on()
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-budget-").FullName;
        try
        {
            // A PDF's pages are read under the budget's checkpoints; a text file needs none, so a zero budget ends only the PDF.
            File.Copy(RealForm("shuyang-fgj-2023.print.pdf"), Path.Combine(dir, "a.pdf"));
            File.Copy(Parse.SamplePath("000_a6a03718d422221a.txt"), Path.Combine(dir, "b.txt"));
            var files = ReportPipeline.ExpandInputs([dir]).ToList();
            var parsed = ReportPipeline.ParseAll(files, budget: TimeSpan.Zero).ToList();
            Assert.Equal("timeout", parsed[0].Error?.Code);
            Assert.Contains("时间上限", parsed[0].Error!.Message, StringComparison.Ordinal);
            Assert.True(parsed[1].Ok);

            var results = new IngestRunner(TestStores.Open("sqlite")).Run(files, fileBudget: TimeSpan.Zero);
            var pdf = results.Single(r => r.Path.EndsWith("a.pdf", StringComparison.Ordinal));
            Assert.Equal(IngestOutcome.Failed, pdf.Outcome);
            Assert.Contains("时间上限", pdf.Message, StringComparison.Ordinal);
            Assert.Equal(IngestOutcome.Stored, results.Single(r => r.Path.EndsWith("b.txt", StringComparison.Ordinal)).Outcome);
            // With its normal budget the same PDF is read.
            Assert.True(ReportPipeline.ParseFile(files[0]).Ok);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Random bytes behind every signature, real files cut short, and the bombs above.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> HostileCorpus()
    {
        foreach (var f in CraftedFiles.RandomBytes(seed: 13)) yield return f;
        foreach (var real in new[] { "shuyang-fgj-2023.print.pdf", "shuyang-fgj-2023.docx", "pingtan-2023.page.html", "shuyang-fgj-2023.fragment.html" })
            foreach (var f in CraftedFiles.Truncations(real, File.ReadAllBytes(RealForm(real)))) yield return f;
        yield return ("deep.html", CraftedFiles.DeepHtml(100_000));
        yield return ("wide.html", CraftedFiles.WideHtml(MarkupShape.MaxElements + 1));
        yield return ("deep.md", CraftedFiles.DeepMarkdown(100_000));
        yield return ("openers.md", CraftedFiles.OpenersMarkdown(20_000));
        yield return ("deep-list.md", CraftedFiles.DeepListMarkdown(100_000));
        yield return ("big.png", CraftedFiles.BigPng(14_000, 14_000));
        yield return ("big.jpg", CraftedFiles.BigJpegHeader(60_000, 60_000));
        yield return ("many-pages.pdf", CraftedFiles.ImagePdf(595, 500));
        yield return ("huge-page.pdf", CraftedFiles.ImagePdf(7000));
        yield return ("huge-body.docx", CraftedFiles.BigDocx(1_000_000));
    }

    [Fact]
    public void Every_file_of_the_hostile_corpus_gets_a_result_and_none_an_internal_error()
    {
        foreach (var (name, bytes) in HostileCorpus())
        {
            var parsed = ReportPipeline.ParseBytes(bytes, name);
            Assert.True(parsed.Ok || parsed.Error is { Message.Length: > 0 }, name);
            Assert.True(parsed.Error?.Code != "internal", $"{name}: {parsed.Error?.Message}");
        }
    }

    [Fact]
    public void Ingest_of_the_hostile_corpus_with_links_and_special_files_stores_the_rest()
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-corpus-").FullName;
        try
        {
            var corpus = HostileCorpus().ToList();
            foreach (var (name, bytes) in corpus) File.WriteAllBytes(Path.Combine(dir, "bad-" + name), bytes);
            File.Copy(Parse.SamplePath("000_a6a03718d422221a.txt"), Path.Combine(dir, "good-1.txt"));
            File.Copy(RealForm("shuyang-fgj-2023.docx"), Path.Combine(dir, "good-2.docx"));
            File.CreateSymbolicLink(Path.Combine(dir, "bad-dangling-link.txt"), Path.Combine(dir, "nowhere"));
            Directory.CreateSymbolicLink(Path.Combine(dir, "loop"), dir);
            int special = 1;
            if (!OperatingSystem.IsWindows())
            {
                using var mk = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(dir, "bad-pipe.txt")]);
                mk.WaitForExit();
                special++;
            }
            var files = ReportPipeline.ExpandInputs([dir]).ToList();
            Assert.Equal(corpus.Count + 2 + special, files.Count);
            var results = new IngestRunner(TestStores.Open("sqlite")).Run(files);
            Assert.Equal(files.Count, results.Count);
            foreach (var name in new[] { "good-1.txt", "good-2.docx" })
                Assert.Equal(IngestOutcome.Stored, results.Single(r => r.Path.EndsWith(name, StringComparison.Ordinal)).Outcome);
            foreach (var r in results.Where(r => r.Outcome == IngestOutcome.Failed))
            {
                Assert.False(string.IsNullOrWhiteSpace(r.Message), r.Path);
                Assert.DoesNotContain("内部错误", r.Message!, StringComparison.Ordinal);
            }
            Assert.Contains(results, r => r.Path.EndsWith("bad-dangling-link.txt", StringComparison.Ordinal) && r.Outcome == IngestOutcome.Failed);
            Assert.Contains(results, r => r.Path.EndsWith("bad-deep.html", StringComparison.Ordinal) && r.Message!.Contains("嵌套过深", StringComparison.Ordinal));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
