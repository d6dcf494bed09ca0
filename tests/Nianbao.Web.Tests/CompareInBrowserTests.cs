using Microsoft.Playwright;
using Nianbao.Fixtures;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Nianbao.Web.Tests;

/// <summary>The peer comparison page in a real browser: a box plot per metric drawn by ECharts, the agency marked, the
/// table equal to the store's quartiles, the agency's years; and the dashboard's review report download.</summary>
public sealed class CompareInBrowserTests
{
    [Fact]
    public async Task The_compare_page_draws_a_box_plot_per_metric_with_the_agency_marked()
    {
        await using var app = await RunningApp.StartAsync();
        var dir = Path.Combine(Path.GetTempPath(), "nianbao-compare-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var agencies = new[] { "示范区财政局", "示范区教育局", "示范区民政局", "示范区人民政府" };
        var files = new List<string>();
        for (var i = 0; i < agencies.Length; i++)
            foreach (var year in new[] { 2022, 2023 })
            {
                var r = ReportGenerator.Generate(700 + i * 10 + year % 10, Edition.E2021) with
                {
                    Agency = agencies[i], Year = year, Published = new DateOnly(year + 1, 1, 20),
                };
                var path = Path.Combine(dir, $"{i}_{year}.txt");
                File.WriteAllText(path, Layouts.Render(r, Layout.TabGrid, i));
                files.Add(path);
            }
        new IngestRunner(app.Store).Run(files);
        app.Store.Import(agencies.Select(a => new RegionMapping(a, "示范区", "测试省")));
        var peers = app.Store.Compare("示范区", 2023);
        const string marked = "示范区教育局";

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var scriptErrors = new List<string>();
        page.PageError += (_, e) => scriptErrors.Add(e);
        await page.GotoAsync(app.BaseUrl + $"/compare?region={Uri.EscapeDataString("测试省/示范区")}&year=2023&agency={Uri.EscapeDataString(marked)}");
        var drawn = peers.Metrics.Count(m => m.Count > 0);
        await Expect(page.Locator("#charts")).ToHaveAttributeAsync("data-rendered", drawn.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#charts .chart svg")).ToHaveCountAsync(drawn);
        // The marked agency's point is labelled in the chart of 新收申请数.
        var apps = peers.Metrics.Single(m => m.Metric.Key == "new_applications");
        var value = apps.Values.Single(v => v.Agency == marked).Value!.Value;
        await Expect(page.Locator("#charts .chart[data-metric=new_applications] svg")).ToContainTextAsync($"{marked}：{value}");
        foreach (var m in peers.Metrics)
        {
            var row = page.Locator($"#quartiles tr[data-metric={m.Metric.Key}] td");
            await Expect(row.Nth(2)).ToHaveTextAsync(m.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(row.Nth(4)).ToHaveTextAsync(Pages.CompareModel.Num(m.P50, m.Metric, true));
            var v = m.Values.Single(x => x.Agency == marked);
            await Expect(row.Nth(7)).ToHaveTextAsync(v.Rank?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        // Its trend: both years in the store.
        await Expect(page.Locator("#trend thead th")).ToHaveTextAsync(["指标", "2022", "2023"]);
        await Browser.Screenshot(page, "6-compare");

        // The dashboard links the year's review report; the download is the Word document.
        await page.GotoAsync(app.BaseUrl + $"/dashboard?region={Uri.EscapeDataString("测试省/示范区")}&year=2023");
        var href = await page.Locator("#review-report-docx").GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(app.BaseUrl + href);
        Assert.Equal(200, response.Status);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await response.BodyAsync()), false))
            Assert.Contains("应报送机关4个，已报送4个", word.MainDocumentPart!.Document!.Body!.InnerText);
        Assert.Empty(scriptErrors);
    }
}
