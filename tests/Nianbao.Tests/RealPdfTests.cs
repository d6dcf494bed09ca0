using System.Text.Json;
using Nianbao.Pipeline;
using Nianbao.Reading;
using Nianbao.Template;

namespace Nianbao.Tests;

/// <summary>
/// Real PDFs read in-process (PdfPig) against their hand-checked truth (copied from corpus/forms): a WPS PDF as
/// published (UTF-16LE title that broke poppler's XML, fill-and-stroke bold glyphs) and two Chromium prints of real
/// pages (Noto CJK embedded as Type 3). Never a wrong number; at least as many cells exact as pinned here.
/// </summary>
public class RealPdfTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "RealPdf", name);

    [Theory]
    [InlineData("hongze-2024.wps", 200)]
    [InlineData("pingtan-2023.print", 200)]
    [InlineData("shuyang-fgj-2023.print", 193)]
    public void A_real_pdf_reads_through_the_ruled_grid_with_no_wrong_number(string name, int minExact)
    {
        var truth = JsonDocument.Parse(File.ReadAllText(PathOf(name + ".truth.json"))).RootElement;
        var file = ReportPipeline.ParseBytes(File.ReadAllBytes(PathOf(name + ".pdf")), name + ".pdf");
        Assert.Null(file.Error);
        Assert.Equal(("pdf", "pdf-lattice"), (file.Format, file.Layout?.Method));
        var report = file.Report!;
        Assert.Equal(truth.GetProperty("year").GetInt32(), report.Year);
        Assert.Equal(truth.GetProperty("edition").GetString(), report.Edition?.Code());
        int exact = 0;
        var wrong = new List<string>();
        foreach (var cell in truth.GetProperty("cells").EnumerateObject())
        {
            if (cell.Value.ValueKind != JsonValueKind.Number) continue;
            var want = cell.Value.GetDecimal();
            if (report.Value(cell.Name) is not { } got) continue;
            if (got == want) exact++;
            else wrong.Add($"{cell.Name} read {got}, truth {want}");
        }
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
        Assert.True(exact >= minExact, $"{name}: {exact} cells exact, expected at least {minExact}");
    }

    [Fact]
    public void A_wps_pdf_whose_title_is_utf16_is_read_and_its_words_match_the_text()
    {
        var result = DocumentReader.Read(File.ReadAllBytes(PathOf("hongze-2024.wps.pdf")));
        Assert.Null(result.Error);
        var text = string.Concat(result.Document!.Blocks.Select(b => b is LayoutLine l ? l.Text : "")).Replace(" ", "");
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
            if (result.Error is { } e) Assert.Equal(("pdf", "corrupt"), (result.Format, e.Code));
        }
    }
}
