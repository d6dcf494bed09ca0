using System.Text;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Template;
using Nianbao.Tests.Support;
using Nianbao.Validation;

namespace Nianbao.Tests;

/// <summary>What the renderers write, the readers read back exactly: random consistent reports of both editions.</summary>
public class RenderTests
{
    private const int PerEdition = 100;

    private static AnnualReport ToReport(GeneratedReport r) => r.ToReport();

    public static TheoryData<string, Edition> Formats() => new()
    {
        { "html", Edition.E2019 }, { "html", Edition.E2021 },
        { "docx", Edition.E2019 }, { "docx", Edition.E2021 },
        { "md", Edition.E2019 }, { "md", Edition.E2021 },
    };

    private static byte[] Render(string format, AnnualReport report) => format switch
    {
        "html" => Encoding.UTF8.GetBytes(HtmlRenderer.Render(report)),
        "docx" => DocxRenderer.Render(report),
        _ => Encoding.UTF8.GetBytes(MarkdownRenderer.Render(report)),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Rendered_reports_parse_back_to_the_same_cells_agency_year_edition_and_date(string format, Edition edition)
    {
        for (var seed = 1; seed <= PerEdition; seed++)
        {
            var generated = ReportGenerator.Generate(seed * 31 + (int)edition, edition, sparse: 0.6, blankRate: 0.3);
            var parsed = ReportPipeline.ParseBytes(Render(format, ToReport(generated)), $"{format}-{seed}").Report();
            Assert.Equal(format == "md" ? "markdown" : format, ReportPipeline.ParseBytes(Render(format, ToReport(generated)), "x").Format);
            Assert.Equal((generated.Agency, (int?)generated.Year, (Edition?)edition, (DateOnly?)generated.Published),
                (parsed.Agency, parsed.Year, parsed.Edition, parsed.Published));
            foreach (var (key, value) in generated.Cells)
                Assert.True(parsed.Value(key) == value, $"{format} seed {seed}: {key} = {parsed.Value(key)}, rendered {value}");
            Assert.DoesNotContain(parsed.Findings, f => f.Severity == Severity.Error);
        }
    }

    [Fact]
    public void Html_escapes_everything_taken_from_the_report()
    {
        var report = ToReport(ReportGenerator.Generate(3, Edition.E2021)) with
        {
            Sections = [new SectionText(1, "一、总体情况", 0, "<script>alert('x')</script> & <b>粗体</b>")],
        };
        var html = HtmlRenderer.Render(report);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;", html);
        Assert.Contains("font-family: \"SimSun\"", html);
    }

    [Fact]
    public void The_official_headers_are_merged_as_in_the_template()
    {
        var html = HtmlRenderer.Render(ToReport(ReportGenerator.Generate(4, Edition.E2021)));
        Assert.Contains("<td colspan=\"7\">申请人情况</td>", html);
        Assert.Contains("<td colspan=\"5\">法人或其他组织</td>", html);
        Assert.Contains("<td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td>", html);
        Assert.Contains("<td rowspan=\"2\">结果维持</td>", html);
        Assert.Contains("<td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td>", html);
    }

    [Fact]
    public void Render_command_writes_each_format_and_refuses_what_is_not_a_report()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nianbao-render-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var json = Path.Combine(dir, "r.json");
        var (_, line, _) = NianbaoProcess.Run("parse", "--json", Parse.SamplePath("002_f4cbcc3e5ae112d9.txt"));
        File.WriteAllText(json, line);
        var (exit, html, _) = NianbaoProcess.Run("render", json, "--to", "html");
        Assert.Equal(0, exit);
        Assert.Contains("<h2>六、其他需要报告的事项</h2>", html);
        var docx = Path.Combine(dir, "r.docx");
        Assert.Equal(0, NianbaoProcess.Run("render", json, "--to", "docx", "-o", docx).Exit);
        var original = Parse.Sample("002_f4cbcc3e5ae112d9.txt").Report();
        var back = ReportPipeline.ParseFile(docx).Report();
        Assert.Equal(original.Cells.Select(c => c.Value.Value), back.Cells.Select(c => c.Value.Value));

        File.WriteAllText(json, "{\"source\":\"x\",\"error\":{\"code\":\"binary\",\"message\":\"二进制\"}}");
        var (badExit, _, _) = NianbaoProcess.Run("render", json, "--to", "html");
        Assert.Equal(2, badExit);
    }

    [Theory]
    [InlineData(Edition.E2019)]
    [InlineData(Edition.E2021)]
    public void Totals_left_empty_are_computed_from_the_leaves(Edition edition)
    {
        for (var seed = 1; seed <= 30; seed++)
        {
            var generated = ReportGenerator.Generate(seed, edition, sparse: 0.5);
            var t = TemplateCatalog.Default[edition];
            var totals = TotalsCompleter.TotalKeys(t);
            Assert.Contains("t3.total.total", totals);
            var authored = ToReport(generated);
            authored = authored with { Cells = authored.Cells.ToDictionary(kv => kv.Key, kv => totals.Contains(kv.Key) ? CellValue.Unreadable() : kv.Value) };
            var check = RenderCheck.Prepare(authored);
            Assert.False(check.Refused, string.Join("；", check.Findings.Select(f => f.Message)));
            foreach (var key in totals) Assert.Equal(generated.Cells[key], check.Report.Value(key));
        }
    }

    [Fact]
    public void A_given_total_that_disagrees_a_negative_count_and_the_wrong_edition_are_refused()
    {
        var generated = ReportGenerator.Generate(8, Edition.E2021, sparse: 0.3) with { Year = 2023 };
        var report = ToReport(generated);
        CellValue V(decimal v) => new(v, CellStatus.Read);

        var wrongTotal = report with { Cells = new Dictionary<string, CellValue>(report.Cells) { ["t3.granted.total"] = V(generated.Cells["t3.granted.total"] + 1) } };
        var check = RenderCheck.Prepare(wrongTotal);
        Assert.True(check.Refused);
        // Only the wrong total is named (the grand total is right by the leaves), and only once.
        var f = Assert.Single(check.Findings, x => x.Rule == "AUTH.TOTAL");
        Assert.Equal("t3.granted.total", f.Cells[0]);
        Assert.Equal((Args(generated.Cells["t3.granted.total"]), Args(generated.Cells["t3.granted.total"] + 1)), (f.Expected, f.Actual));
        Assert.Contains("（一）予以公开", f.Message);

        var negative = report with { Cells = new Dictionary<string, CellValue>(report.Cells) { ["t4.reconsideration.upheld"] = V(-1) } };
        Assert.Contains(RenderCheck.Prepare(negative).Findings, x => x.Rule == "CELL.H5" && x.Severity == Severity.Error);

        var oldEdition = ToReport(ReportGenerator.Generate(9, Edition.E2019) with { Year = 2023 });
        var edition = RenderCheck.Prepare(oldEdition);
        Assert.True(edition.Refused);
        Assert.Contains(edition.Findings, x => x.Rule == "DOC.H7");

        Assert.False(RenderCheck.Prepare(report).Refused);
    }

    private static string Args(decimal v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void New_then_render_is_the_clerk_workflow_and_a_bad_total_is_refused_with_exit_1()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nianbao-new-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var json = Path.Combine(dir, "report.json");
        Assert.Equal(0, NianbaoProcess.Run("new", "--agency", "鹤岗市测试局", "--year", "2024", "-o", json).Exit);
        var filled = File.ReadAllText(json)
            .Replace("\"published\": null", "\"published\": \"2025-01-20\"", StringComparison.Ordinal)
            .Replace("\"t3.new_received.natural_person\": 0", "\"t3.new_received.natural_person\": 4", StringComparison.Ordinal)
            .Replace("\"t3.granted.natural_person\": 0", "\"t3.granted.natural_person\": 4", StringComparison.Ordinal);
        File.WriteAllText(json, filled);
        var docx = Path.Combine(dir, "report.docx");
        var (exit, _, err) = NianbaoProcess.Run("render", json, "--to", "docx", "-o", docx);
        Assert.True(exit == 0, err);
        var back = ReportPipeline.ParseFile(docx).Report();
        Assert.Equal(("鹤岗市测试局", (int?)2024, (Edition?)Edition.E2021, (DateOnly?)new DateOnly(2025, 1, 20)), (back.Agency, back.Year, back.Edition, back.Published));
        Assert.Equal((4m, 4m, 4m), (back.Value("t3.total.total")!.Value, back.Value("t3.granted.total")!.Value, back.Value("t3.new_received.total")!.Value));

        File.WriteAllText(json, filled.Replace("\"t3.granted.total\": null", "\"t3.granted.total\": 5", StringComparison.Ordinal));
        var html = Path.Combine(dir, "bad.html");
        (exit, _, err) = NianbaoProcess.Run("render", json, "--to", "html", "-o", html);
        Assert.Equal(1, exit);
        Assert.Contains("AUTH.TOTAL", err);
        Assert.Contains("填写的总计为5，按各分项计算应为4", err);
        Assert.False(File.Exists(html));
    }

    [Theory]
    [InlineData(Edition.E2019)]
    [InlineData(Edition.E2021)]
    public void The_pdf_printed_by_chromium_carries_every_heading_label_and_number_in_order(Edition edition)
    {
        for (var seed = 1; seed <= 2; seed++)
        {
            var generated = ReportGenerator.Generate(seed * 7 + (int)edition, edition, sparse: 0.3);
            var pdf = PdfRenderer.Render(HtmlRenderer.Render(ToReport(generated)));
            Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
            var file = Path.Combine(Path.GetTempPath(), $"nianbao-{Guid.NewGuid():N}.pdf");
            File.WriteAllBytes(file, pdf);
            var text = PdfText(file);
            File.Delete(file);
            var lines = text.Split('\n');
            var flat = AssertHeadingsInOrder(text);
            Assert.Contains(Squash(generated.Agency), flat);

            // Each row of 表二 and the first of 表三: its label and its numbers on one printed line, in order.
            var t = TemplateCatalog.Default[edition];
            foreach (var row in t.Table(2).Rows.Append(t.Table(3).Rows[0]))
            {
                var values = row.Cells.Select(c => GeneratedReport.Print(generated.Cells[c.Key])).ToList();
                Assert.Contains(lines, l => Squash(l).StartsWith(Squash(row.Label), StringComparison.Ordinal) &&
                    l.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(values.Count).SequenceEqual(values));
            }
            var t4 = t.Table(4).Cells.Select(c => GeneratedReport.Print(generated.Cells[c.Key])).ToList();
            Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(t4));
        }
    }

    [Fact]
    public void A_missing_browser_is_a_clear_error_naming_the_package()
    {
        var e = Assert.Throws<Nianbao.Tools.ExternalToolException>(() =>
            Nianbao.Tools.ExternalTool.Run(["/nonexistent/chromium"], "chromium", [], TimeSpan.FromSeconds(5)));
        Assert.Equal("未安装 /nonexistent/chromium（Debian / 统信 UOS / 麒麟 Kylin：sudo apt-get install chromium；Windows：系统自带的 Microsoft Edge 即可（或 Google Chrome 等 Chromium 内核浏览器）；已安装在别处时用环境变量 NIANBAO_CHROMIUM 指定程序的完整路径）", e.Message);
        var slow = Assert.Throws<Nianbao.Tools.ExternalToolException>(() =>
            Nianbao.Tools.ExternalTool.Run(["sleep"], "coreutils", ["30"], TimeSpan.FromMilliseconds(300)));
        Assert.Contains("秒内没有完成，已终止", slow.Message);
    }

    [Fact]
    public void The_rendered_docx_converts_with_libreoffice_and_keeps_every_heading_and_number()
    {
        var generated = ReportGenerator.Generate(77, Edition.E2021, sparse: 0.3) with { Agency = "鹤岗市测试局" };
        var pdf = Path.Combine(Directory.CreateTempSubdirectory("nianbao-lo-").FullName, "report.pdf");
        File.WriteAllBytes(pdf, LibreOfficePdf(DocxRenderer.Render(ToReport(generated))));
        var text = PdfText(pdf);
        var flat = AssertHeadingsInOrder(text);
        Assert.Contains("鹤岗市测试局", flat);
        Assert.Contains(Squash(TemplateCatalog.Default.Text.RenderHeadings.FormatDate(generated.Published)), flat);
        // Every number of the tables is printed (the prose holds only the year).
        var numbers = text.Split([' ', '\n', '\f'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.All(char.IsDigit)).ToList();
        var cells = generated.Cells.Values.Select(GeneratedReport.Print).ToList();
        var missing = cells.GroupBy(x => x).Where(g => numbers.Count(n => n == g.Key) < g.Count()).Select(g => g.Key).ToList();
        Assert.True(missing.Count == 0, $"numbers missing from LibreOffice's rendering: {string.Join(", ", missing)}\n{text}");
    }

    [Fact]
    public void A_clerk_fills_the_excel_form_and_renders_it()
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-xlsx-").FullName;
        var form = Path.Combine(dir, "填报表.xlsx");
        Assert.Equal(0, NianbaoProcess.Run("new", "--agency", "绥棱县财政局", "--year", "2023", "-o", form).Exit);
        var generated = ReportGenerator.Generate(5, Edition.E2021, sparse: 0.4);
        var totals = TotalsCompleter.TotalKeys(TemplateCatalog.Default[Edition.E2021]);
        Fill(form, generated.Cells.Where(kv => !totals.Contains(kv.Key)).ToDictionary(), new DateOnly(2024, 1, 18), "2023年，本局认真贯彻落实《条例》。");

        var docx = Path.Combine(dir, "报告.docx");
        var (exit, _, err) = NianbaoProcess.Run("render", form, "--to", "docx", "-o", docx);
        Assert.True(exit == 0, err);
        var back = ReportPipeline.ParseFile(docx).Report();
        Assert.Equal(("绥棱县财政局", (int?)2023, (DateOnly?)new DateOnly(2024, 1, 18)), (back.Agency, back.Year, back.Published));
        foreach (var (key, value) in generated.Cells) Assert.Equal(value, back.Value(key));
        Assert.Contains("本局认真贯彻落实", back.Section(1)!.Text);
    }

    /// <summary>What Excel leaves after a clerk types: numbers, some cells as shared strings, the date as a serial number.</summary>
    private static void Fill(string path, IReadOnlyDictionary<string, decimal> values, DateOnly date, string overview)
    {
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, true);
        var book = doc.WorkbookPart!;
        var sharedPart = book.AddNewPart<DocumentFormat.OpenXml.Packaging.SharedStringTablePart>();
        sharedPart.SharedStringTable = new DocumentFormat.OpenXml.Spreadsheet.SharedStringTable();
        var sheet = book.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        string Text(DocumentFormat.OpenXml.Spreadsheet.Cell c) => c.InlineString?.InnerText ?? "";
        DocumentFormat.OpenXml.Spreadsheet.Cell Value(string text, bool shared)
        {
            if (!shared) return new() { DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.Number, CellValue = new(text) };
            sharedPart.SharedStringTable.Append(new DocumentFormat.OpenXml.Spreadsheet.SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(text)));
            return new() { DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString, CellValue = new((sharedPart.SharedStringTable.Count() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        }
        var n = 0;
        foreach (var row in rows)
        {
            var cells = row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            if (cells.Count == 0) continue;
            var first = Text(cells[0]);
            if (first == "成文日期") cells[1].InsertAfterSelf(Value(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), false)).PreviousSibling()!.Remove();
            if (first == "第一部分正文") cells[1].InsertAfterSelf(Value(overview, true)).PreviousSibling()!.Remove();
            if (cells.Count > 4 && values.TryGetValue(Text(cells[3]), out var v))
                cells[4].InsertAfterSelf(Value(v.ToString(System.Globalization.CultureInfo.InvariantCulture), n++ % 3 == 0)).PreviousSibling()!.Remove();
        }
        sheet.Save();
    }

    /// <summary>A PDF's text as poppler lays it out (text compared, never bytes).</summary>
    private static string PdfText(string pdf) =>
        Nianbao.Tools.ExternalTool.Run(["pdftotext"], "poppler-utils", ["-layout", "-enc", "UTF-8", pdf, "-"], TimeSpan.FromSeconds(60)).StdOut;

    private static string Squash(string x) => string.Concat(x.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The six headings appear in template order; returns the text without white space for further checks.</summary>
    private static string AssertHeadingsInOrder(string text)
    {
        var flat = Squash(text);
        var at = 0;
        foreach (var heading in TemplateCatalog.Default.Text.Sections.Select(x => x.Heading))
        {
            var next = flat.IndexOf(Squash(heading), at, StringComparison.Ordinal);
            Assert.True(next >= at, $"{heading} missing or out of order");
            at = next;
        }
        return flat;
    }

    [Fact]
    public void An_unknown_cell_refuses_the_rendering_and_forced_it_reads_back_unknown_not_zero()
    {
        var generated = ReportGenerator.Generate(12, Edition.E2019, sparse: 0.5);
        var report = ToReport(generated);
        report = report with { Cells = new Dictionary<string, CellValue>(report.Cells) { ["t2.art20_9.procurement.projects"] = CellValue.Unreadable() } };
        var check = RenderCheck.Prepare(report);
        Assert.True(check.Refused);
        var f = Assert.Single(check.Findings, x => x.Rule == "AUTH.MISSING");
        Assert.Equal(["t2.art20_9.procurement.projects"], f.Cells);
        Assert.Contains("政府集中采购", f.Message);

        foreach (var format in new[] { "html", "docx", "md" })
        {
            var back = ReportPipeline.ParseBytes(Render(format, check.Report), "forced." + format).Report();
            Assert.Null(back.Value("t2.art20_9.procurement.projects"));
            // The reader may leave the rest of that row unknown too, but never reads a wrong number, and every other row is exact.
            foreach (var (key, value) in generated.Cells.Where(kv => !kv.Key.StartsWith("t2.art20_9.", StringComparison.Ordinal)))
                Assert.Equal(value, back.Value(key));
            Assert.True(back.Value("t2.art20_9.procurement.amount") is null || back.Value("t2.art20_9.procurement.amount") == generated.Cells["t2.art20_9.procurement.amount"]);
        }
    }

    [Theory]
    [InlineData(Edition.E2019)]
    [InlineData(Edition.E2021)]
    public void Printed_pdfs_read_back_exactly_through_the_ruled_grid(Edition edition) =>
        AssertPdfsReadBack("Chromium", edition, count: 6, seedStep: 13, r => PdfRenderer.Render(HtmlRenderer.Render(r)));

    [Fact]
    public void A_printed_table_without_borders_is_read_as_aligned_columns_with_no_wrong_number()
    {
        var generated = ReportGenerator.Generate(5, Edition.E2021, sparse: 0.5);
        var html = HtmlRenderer.Render(ToReport(generated)).Replace("border: 1px solid #000", "border: none", StringComparison.Ordinal);
        var file = ReportPipeline.ParseBytes(PdfRenderer.Render(html), "borderless.pdf");
        Assert.Equal("pdftotext-layout", file.Layout?.Method);
        var back = file.Report();
        foreach (var (key, value) in generated.Cells)
            Assert.True(back.Value(key) is null || back.Value(key) == value, $"{key} read {back.Value(key)}, printed {value}");
    }

    [Fact]
    public void A_pdf_printed_with_the_browsers_header_and_footer_reads_back_exactly_without_them()
    {
        // Printed as a reader would from the browser: date and title at the top of every page, address and "2/3" at the foot.
        var generated = ReportGenerator.Generate(21, Edition.E2021, sparse: 0.5);
        var dir = Directory.CreateTempSubdirectory("nianbao-hf-").FullName;
        try
        {
            var page = Path.Combine(dir, "report.html");
            var pdf = Path.Combine(dir, "report.pdf");
            File.WriteAllText(page, HtmlRenderer.Render(ToReport(generated)));
            Nianbao.Tools.ExternalTool.Run(["chromium", "chromium-browser", "google-chrome"], "chromium",
                ["--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", $"--user-data-dir={Path.Combine(dir, "profile")}",
                 $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri], TimeSpan.FromSeconds(120));
            var file = ReportPipeline.ParseBytes(File.ReadAllBytes(pdf), "browser.pdf");
            Assert.Equal("pdf-lattice", file.Layout?.Method);
            var lines = file.Layout!.Blocks.OfType<Nianbao.Reading.LayoutLine>().Select(l => l.Text).ToList();
            Assert.DoesNotContain(lines, l => l.Contains("file:", StringComparison.Ordinal));
            Assert.Single(lines, l => l.Contains(generated.Agency, StringComparison.Ordinal) && l.Contains("年度报告", StringComparison.Ordinal));
            var back = file.Report();
            Assert.Equal((generated.Agency, (int?)generated.Year, (DateOnly?)generated.Published), (back.Agency, back.Year, back.Published));
            foreach (var (key, value) in generated.Cells) Assert.True(back.Value(key) == value, $"{key} read {back.Value(key)}, printed {value}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The DOCX rendering printed to PDF by LibreOffice.</summary>
    private static byte[] LibreOfficePdf(byte[] docx) => LibreOffice.Convert(docx, "pdf");

    [Theory]
    [InlineData(Edition.E2019)]
    [InlineData(Edition.E2021)]
    public void Libreoffice_pdfs_of_the_docx_read_back_through_the_ruled_grid(Edition edition) =>
        AssertPdfsReadBack("LibreOffice", edition, count: 3, seedStep: 17, r => LibreOfficePdf(DocxRenderer.Render(r)));

    /// <summary>Random reports printed to PDF by one printer come back through the ruled grid with every cell exact.</summary>
    private static void AssertPdfsReadBack(string printer, Edition edition, int count, int seedStep, Func<AnnualReport, byte[]> print)
    {
        int exact = 0, unknown = 0;
        var misses = new List<string>();
        long reading = 0;
        for (var seed = 1; seed <= count; seed++)
        {
            var generated = ReportGenerator.Generate(seed * seedStep + (int)edition, edition, sparse: 0.5);
            var pdf = print(ToReport(generated));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var file = ReportPipeline.ParseBytes(pdf, $"{printer}-{seed}.pdf");
            reading += watch.ElapsedMilliseconds;
            Assert.Equal(("pdf", "pdf-lattice"), (file.Format, file.Layout?.Method));
            var back = file.Report();
            Assert.Equal((generated.Agency, (int?)generated.Year, (Edition?)edition, (DateOnly?)generated.Published),
                (back.Agency, back.Year, back.Edition, back.Published));
            foreach (var (key, value) in generated.Cells)
            {
                if (back.Value(key) is not { } got) { unknown++; misses.Add($"seed {seed}: {key}"); continue; }
                Assert.True(got == value, $"seed {seed}: {key} read {got}, printed {value}");
                exact++;
            }
        }
        Console.WriteLine($"{printer} {edition}: {exact} exact, {unknown} unknown, 0 wrong; {reading / count} ms per PDF");
        Assert.True(unknown == 0, $"{exact} exact, {unknown} unknown: {string.Join("; ", misses.Take(30))}");
    }
}
