using Nianbao.Summary;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using Nianbao.Fixtures;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Nianbao.Web.Tests;

/// <summary>
/// A reviewer's whole round in a real browser (Debian Chromium through Playwright) against the app on a loopback
/// port: sign in, upload a mixed batch, watch it finish, filter to failing reports, open one, click a cell and see
/// where it was read, correct it, see the finding go and the history appear, export to Excel and read it back.
/// </summary>
public sealed class ReviewInBrowserTests
{
    [Fact]
    public async Task A_reviewer_uploads_reviews_corrects_and_exports()
    {
        var fixtures = UploadFixtures.Create();
        await using var app = await RunningApp.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, e) => scriptErrors.Add(e);

        // Sign in.
        await page.GotoAsync(app.BaseUrl + "/upload");
        Assert.Contains("/account/login", page.Url);
        await page.FillAsync("#login-name", RunningApp.ReviewerName);
        await page.FillAsync("#login-password", RunningApp.ReviewerPassword);
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync(RunningApp.ReviewerName);
        Assert.EndsWith("/upload", page.Url);

        // Upload the batch and watch it finish.
        await page.SetInputFilesAsync("#upload-files", fixtures.Files);
        await page.ClickAsync("#upload-submit");
        await Expect(page.Locator("#job")).ToHaveAttributeAsync("data-finished", "true", new() { Timeout = 120_000 });
        var rows = page.Locator("#job-files tbody tr");
        await Expect(rows).ToHaveCountAsync(fixtures.ExpectedReports + 1);
        await Expect(page.Locator("#job-files tbody tr[data-state=stored]")).ToHaveCountAsync(fixtures.ExpectedReports);
        var junk = page.Locator("#job-files tbody tr[data-state=failed]");
        await Expect(junk).ToHaveCountAsync(1);
        await Expect(junk).ToContainTextAsync("scan.pdf");
        await Expect(junk).ToContainTextAsync("PDF");
        await Expect(page.Locator("#job-files")).ToContainTextAsync("batch.zip/2024/markdown-report.md");
        await Browser.Screenshot(page, "1-upload-finished");

        // Only the failing reports: the misprinted one is among them.
        await page.GotoAsync(app.BaseUrl + "/");
        await Expect(page.Locator("#reports tbody tr")).ToHaveCountAsync(fixtures.ExpectedReports);
        await page.SelectOptionAsync("#f-verdict", "error");
        await page.ClickAsync("#f-apply");
        var failing = app.Store.List(new ReportFilter(Severity: Severity.Error)).Count;
        Assert.True(failing >= 1);
        await Expect(page.Locator("#reports tbody tr")).ToHaveCountAsync(failing);
        await Browser.Screenshot(page, "2-failing-reports");
        await page.ClickAsync($"#reports a:text-is('{fixtures.Misprinted.Agency}')");
        await Expect(page.Locator("#report-title")).ToContainTextAsync(fixtures.Misprinted.Agency);

        // The misprinted cell is marked as part of a failed rule; clicking it shows where it was read.
        var key = fixtures.MisprintedKey;
        var printed = fixtures.TrueValue + 1;
        var cell = page.Locator($"td[data-key='{key}']");
        await Expect(cell).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("failed-rule"));
        await Expect(cell).ToHaveTextAsync(GeneratedReport.Print(printed));
        var failedRules = await page.Locator("#findings tbody tr").Filter(new() { Has = page.Locator("td.error") }).CountAsync();
        Assert.True(failedRules >= 1);
        await cell.ClickAsync();
        await Expect(page.Locator("#prov-key")).ToHaveTextAsync(key);
        await Expect(page.Locator("#prov-label")).ToContainTextAsync("自然人");
        await Expect(page.Locator("#prov-where")).ToContainTextAsync("表格");
        await Expect(page.Locator("#prov-source .hit")).ToContainTextAsync(GeneratedReport.Print(printed));
        await Expect(page.Locator("#correct-key")).ToHaveValueAsync(key);
        await Browser.Screenshot(page, "3-cell-provenance");

        // Correct it: a new version, the rule passes, the history names who and why.
        await page.FillAsync("#correct-value", GeneratedReport.Print(fixtures.TrueValue));
        await page.FillAsync("#correct-reason", "原件第3页核对：自然人申请数印刷错误");
        await page.ClickAsync("#correct-submit");
        await Expect(page.Locator("#message")).ToContainTextAsync("已保存");
        await Expect(page.Locator($"td[data-key='{key}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-corrected"));
        await Expect(page.Locator($"td[data-key='{key}']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("failed-rule"));
        await Expect(page.Locator("#findings tbody tr").Filter(new() { Has = page.Locator("td.error") })).ToHaveCountAsync(0);
        await Expect(page.Locator("#versions tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#corrections")).ToContainTextAsync(RunningApp.ReviewerName);
        await Expect(page.Locator("#corrections")).ToContainTextAsync("印刷错误");
        await Browser.Screenshot(page, "4-corrected");
        var stored = app.Store.Find(fixtures.Misprinted.Agency, fixtures.Misprinted.Year)!;
        Assert.Equal(fixtures.TrueValue, stored.Report.Value(key));
        Assert.Equal("corrected", stored.Listing.Kind);

        // Export what the list shows to Excel and read it back.
        await page.GotoAsync(app.BaseUrl + "/");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-xlsx"));
        var xlsx = Path.Combine(fixtures.Folder, "export.xlsx");
        await download.SaveAsAsync(xlsx);
        using (var book = SpreadsheetDocument.Open(xlsx, false))
        {
            var sheets = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>()
                .ToDictionary(s => s.Name!.Value!, s => (WorksheetPart)book.WorkbookPart.GetPartById(s.Id!));
            var reports = Rows(sheets["报告"]);
            Assert.Equal(fixtures.ExpectedReports, reports.Count - 1);
            var t3 = Rows(sheets["表三"]);
            var column = t3.Select(r => r.IndexOf(key)).First(i => i >= 0);
            var row = t3.Single(r => r.Contains(fixtures.Misprinted.Agency));
            Assert.Equal(GeneratedReport.Print(fixtures.TrueValue), row[column]);
        }
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task The_dashboard_draws_its_charts_from_the_store()
    {
        await using var app = await RunningApp.StartAsync();
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt");
        new IngestRunner(app.Store).Run(samples);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var scriptErrors = new List<string>();
        page.PageError += (_, e) => scriptErrors.Add(e);
        await page.GotoAsync(app.BaseUrl + "/dashboard?region=鹤岗市&year=2020");
        var summary = app.Store.Compute("鹤岗市", 2020);
        await Expect(page.Locator("#received")).ToContainTextAsync($"已收到 {summary.Included.Count + summary.Excluded.Count} 份报告");
        // ECharts (from npm, served by the app) drew every chart as SVG: received, rules, outcomes, applicants, trend.
        await Expect(page.Locator("#charts")).ToHaveAttributeAsync("data-rendered", "5");
        await Expect(page.Locator("#charts .chart svg")).ToHaveCountAsync(5);
        var total = summary.Report.Value("t3.new_received.total")!.Value;
        await Expect(page.Locator("table.series").Last).ToContainTextAsync(GeneratedReport.Print(total));
        foreach (var rule in app.Store.RuleCounts("鹤岗市", 2020))
            await Expect(page.Locator($"#rule-counts tr[data-rule='{rule.Rule}'] td.num").First).ToHaveTextAsync(rule.Reports.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Browser.Screenshot(page, "5-dashboard");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task Script_in_an_uploaded_report_is_shown_as_text_and_never_runs()
    {
        await using var app = await RunningApp.StartAsync();
        var generated = ReportGenerator.Generate(515, Edition.E2021, sparse: 0.5);
        const string payload = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">";
        var html = Nianbao.Rendering.HtmlRenderer.Render(generated.ToReport(sectionOne: "本机关认真贯彻条例。" + payload))
            // A live script element in the uploaded page itself, too: the reader drops it, the page must never run it.
            .Replace("</body>", "<script>window.__xss = 3</script></body>", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"xss-{Guid.NewGuid():N}.html");
        File.WriteAllText(path, html);
        var result = Assert.Single(new IngestRunner(app.Store).Run([path]));
        Assert.Equal(IngestOutcome.Stored, result.Outcome);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/reports/{result.ReportId}");
        await Expect(page.Locator(".section-text").First).ToContainTextAsync("<script>window.__xss = 1</script>");
        await page.ClickAsync("td.v >> nth=0");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        File.Delete(path);
    }

    [Fact]
    public async Task A_cell_of_a_pdf_is_shown_on_its_page_image()
    {
        await using var app = await RunningApp.StartAsync();
        var generated = ReportGenerator.Generate(8080, Edition.E2021, sparse: 0.4);
        var pdfPath = Path.Combine(Path.GetTempPath(), $"printed-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(pdfPath, Nianbao.Rendering.PdfRenderer.Render(Nianbao.Rendering.HtmlRenderer.Render(generated.ToReport())));
        var textPath = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt").Order().First();
        var results = new IngestRunner(app.Store).Run([pdfPath, textPath]).ToDictionary(r => r.Path);
        var pdfReport = app.Store.Get(results[pdfPath].ReportId!.Value)!;
        // The original is kept for the PDF (for its page images), not for the text file, whose text is its original.
        Assert.NotNull(app.Store.OriginalForVersion(pdfReport.Listing.VersionId));
        Assert.Null(app.Store.OriginalForVersion(app.Store.Get(results[textPath].ReportId!.Value)!.Listing.VersionId));

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        await page.GotoAsync($"{app.BaseUrl}/reports/{pdfReport.Listing.Id}");
        const string key = "t3.new_received.total";
        var pageNumber = pdfReport.Report.Cells[key].Source!.At!.Page!.Value;
        await page.ClickAsync($"td[data-key='{key}']");
        await Expect(page.Locator("#prov-where")).ToContainTextAsync("pdf-lattice");
        await Expect(page.Locator("#prov-page")).ToHaveAttributeAsync("data-page", pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#prov-page")).ToBeVisibleAsync();
        var image = (await page.Locator("#prov-page-img").BoundingBoxAsync())!;
        var box = (await page.Locator("#prov-box").BoundingBoxAsync())!;
        Assert.True(image.Width > 300 && box.Width > 2 && box.Height > 2, $"image {image.Width}, box {box.Width}×{box.Height}");
        Assert.InRange(box.X, image.X, image.X + image.Width - box.Width);
        Assert.InRange(box.Y, image.Y, image.Y + image.Height - box.Height);
        await Browser.Screenshot(page, "6-pdf-cell-on-page");
        File.Delete(pdfPath);
    }

    private static List<List<string>> Rows(WorksheetPart part) =>
        part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())
            .ToList();
}
