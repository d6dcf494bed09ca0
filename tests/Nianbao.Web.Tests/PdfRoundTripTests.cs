using Microsoft.Playwright;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Template;
using Nianbao.Web.Tests.Support;

namespace Nianbao.Web.Tests;

/// <summary>
/// The PDF round trip at volume: a hundred random reports per edition rendered to HTML and printed by Chromium (one
/// browser kept open through Playwright, as <c>render --to pdf</c> prints the same HTML with the same fonts, so the
/// run takes a minute, not ten), then read back by the PDF reader: every cell, agency, year, edition and date exact.
/// </summary>
public sealed class PdfRoundTripTests
{
    private const int PerEdition = 100;

    [Theory]
    [InlineData(Edition.E2019)]
    [InlineData(Edition.E2021)]
    public async Task Hundreds_of_printed_reports_read_back_exactly(Edition edition)
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var parsing = new List<Task<(GeneratedReport Generated, ParsedFile File)>>();
        for (var seed = 1; seed <= PerEdition; seed++)
        {
            var generated = ReportGenerator.Generate(seed * 31 + (int)edition, edition, sparse: seed % 3 == 0 ? 0.2 : 0.6, blankRate: seed % 4 == 0 ? 0.3 : 0);
            await page.SetContentAsync(HtmlRenderer.Render(generated.ToReport()));
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
            // Reading runs beside the printing (poppler processes on the other core).
            parsing.Add(Task.Run(() => (generated, ReportPipeline.ParseBytes(pdf, $"printed-{edition}-{seed}.pdf"))));
        }
        var wrong = new List<string>();
        foreach (var (generated, file) in await Task.WhenAll(parsing))
        {
            Assert.Equal("pdf", file.Format);
            var back = file.Report ?? throw new Xunit.Sdk.XunitException($"{file.Source}: {file.Error?.Message}");
            Assert.Equal((generated.Agency, (int?)generated.Year, (Edition?)edition, (DateOnly?)generated.Published),
                (back.Agency, back.Year, back.Edition, back.Published));
            foreach (var (key, value) in generated.Cells)
                if (back.Value(key) != value) wrong.Add($"{file.Source}: {key} read {back.Value(key)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, printed {value}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} cells differ:\n" + string.Join('\n', wrong.Take(20)));
    }
}
