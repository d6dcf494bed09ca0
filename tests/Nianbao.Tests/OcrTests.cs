using Nianbao.Tools;
using System.Diagnostics;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Reading;
using Nianbao.Rendering;
using Nianbao.Template;
using Nianbao.Tests.Support;
using Nianbao.Validation;
using Nianbao.Recognition;

namespace Nianbao.Tests;

/// <summary>
/// Scans made by the project's own tools: a generated report printed by Chromium, rasterised by pdftoppm, and given
/// back as PNG pages or as an image-only PDF. OCR may fail to read a number, but never gives a wrong one unflagged.
/// </summary>
public class OcrTests
{
    /// <summary>The report's pages as grey PNGs at <paramref name="dpi"/>.</summary>
    internal static List<byte[]> Scan(byte[] pdf, int dpi)
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-scan-");
        try
        {
            var path = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(path, pdf);
            var r = ExternalTool.Run(["pdftoppm"], "poppler-utils", ["-r", $"{dpi}", "-gray", "-png", path, Path.Combine(dir.FullName, "p")], TimeSpan.FromMinutes(2));
            Assert.Equal(0, r.ExitCode);
            return Directory.GetFiles(dir.FullName, "p-*.png").OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal)
                .Select(File.ReadAllBytes).ToList();
        }
        finally { dir.Delete(true); }
    }

    /// <summary>An image-only PDF of the pages: Chromium prints an HTML page holding each PNG as a full A4 page.</summary>
    internal static byte[] ImagePdf(IEnumerable<byte[]> pages)
    {
        var imgs = string.Concat(pages.Select(p => $"<img src=\"data:image/png;base64,{Convert.ToBase64String(p)}\">"));
        return PdfRenderer.Render("<!doctype html><html><head><style>@page{size:A4;margin:0}body{margin:0}" +
            "img{display:block;width:210mm;height:297mm;break-after:page}</style></head><body>" + imgs + "</body></html>");
    }

    /// <param name="onePage">Printed on one tall page, so that one image file holds the whole report.</param>
    internal static (GeneratedReport Generated, byte[] Pdf) Printed(int seed, Edition edition, bool onePage = false)
    {
        var generated = ReportGenerator.Generate(seed, edition, sparse: 0.5, blankRate: 0.2);
        var html = HtmlRenderer.Render(generated.ToReport());
        if (onePage) html = html.Replace("</head>", "<style>@page{size:210mm 1300mm}</style></head>", StringComparison.Ordinal);
        return (generated, PdfRenderer.Render(html));
    }

    /// <summary>What came back, cell by cell: exact, null (each named by a finding), wrong (must stay 0).</summary>
    internal static (int Exact, int Null, List<string> Wrong) Compare(GeneratedReport generated, AnnualReport back)
    {
        int exact = 0, nulls = 0;
        var wrong = new List<string>();
        foreach (var (key, value) in generated.Cells)
        {
            if (back.Value(key) is not { } got)
            {
                nulls++;
                if (!back.Findings.Any(f => f.Cells.Contains(key))) wrong.Add($"{key}: null without a finding");
            }
            else if (got == value) exact++;
            else wrong.Add($"{key}: read {got}, printed {value}");
        }
        return (exact, nulls, wrong);
    }

    private static readonly (Edition Edition, string Input, int Dpi)[] Scans =
    [
        (Edition.E2019, "png", 300), (Edition.E2021, "png", 200), (Edition.E2019, "pdf", 200), (Edition.E2021, "pdf", 300),
    ];

    /// <summary>
    /// A generated report, printed, scanned and read back by OCR: every cell is the printed number or null with a
    /// finding naming it. As an image file the report is printed on one tall page (one PNG); as a PDF, A4 pages.
    /// </summary>
    [Fact]
    public void Scanned_reports_read_back_with_no_wrong_number_unflagged()
    {
        int exactAll = 0, cellsAll = 0;
        foreach (var (edition, input, dpi) in Scans)
        {
            var (exact, cells) = ScannedReport(edition, input, dpi);
            (exactAll, cellsAll) = (exactAll + exact, cellsAll + cells);
        }
        // Measured: 598 of 798 cells exact (75 %), the rest null. One scan loses a 表三 row label entirely, and
        // recognition then cannot place that table's numbers by rows (37 exact); the other three read 92–96 %.
        Assert.True(exactAll * 100 >= cellsAll * 70, $"{exactAll} of {cellsAll} exact");
    }

    private static (int Exact, int Cells) ScannedReport(Edition edition, string input, int dpi)
    {
        var (generated, pdf) = Printed(dpi + (int)edition, edition, onePage: input == "png");
        var pages = Scan(pdf, dpi);
        var watch = Stopwatch.StartNew();
        var file = input == "pdf" ? ReportPipeline.ParseBytes(ImagePdf(pages), "scan.pdf") : ReportPipeline.ParseBytes(Assert.Single(pages), "scan.png");
        Assert.Equal(input == "pdf" ? "pdf" : "image", file.Format);
        long ms = watch.ElapsedMilliseconds;
        var back = file.Report();
        var (exact, nulls, wrong) = Compare(generated, back);
        Console.WriteLine($"OCR {edition} {input} {dpi} dpi: {exact} exact, {nulls} null, {wrong.Count} wrong; {ms / pages.Count} ms per page ({pages.Count} pages)");
        Assert.True(wrong.Count == 0, $"{edition} {input} {dpi} dpi: " + string.Join("; ", wrong));
        Assert.StartsWith("ocr-lattice", file.Layout!.Method, StringComparison.Ordinal);
        Assert.All(back.Cells.Values.Where(c => c.Value is not null && c.Status != CellStatus.Blank),
            c => Assert.Contains("ocr", c.Source!.Method, StringComparison.Ordinal));
        // The title's large type reads worst: the year may be missed (null), never wrong.
        Assert.Equal(edition, back.Edition);
        Assert.True(back.Year is null || back.Year == generated.Year, $"year {back.Year}, printed {generated.Year}");
        return (exact, generated.Cells.Count);
    }

    private static AnnualReport AsOcr(GeneratedReport generated) =>
        generated.ToReport() is var r
            ? r with { Cells = r.Cells.ToDictionary(kv => kv.Key, kv => kv.Value with { Source = new Provenance("ocr-lattice", 1, 1, null, new CellLocation(ReadStrategy.OcrLattice) { Page = 1 }) }) }
            : throw new InvalidOperationException();

    private static AnnualReport With(AnnualReport r, params (string Key, decimal Value)[] misreads)
    {
        var cells = r.Cells.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in misreads) cells[key] = cells[key] with { Value = value, Status = CellStatus.Read, Source = cells[key].Source is { } src ? src with { Raw = value.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null };
        return r with { Cells = cells };
    }

    [Fact]
    public void One_misread_digit_is_corrected_by_the_arithmetic_when_only_one_value_fits()
    {
        var generated = ReportGenerator.Generate(41, Edition.E2021, sparse: 0);
        var key = "t3.partially_granted.commercial";
        var printed = generated.Cells[key];
        var fixedReport = OcrArithmetic.Check(With(Located(AsOcr(generated)), (key, printed + 30)), Agreeing(generated));
        Assert.Equal((printed, CellStatus.Resolved), (fixedReport.Value(key)!.Value, fixedReport.Cells[key].Status));
        Assert.Equal((printed + 30).ToString(System.Globalization.CultureInfo.InvariantCulture), fixedReport.Cells[key].Source!.Raw);
        var finding = Assert.Single(fixedReport.Findings, f => f.Rule == "READ.OCR_FIXED");
        Assert.Equal([key], finding.Cells);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.All(generated.Cells, kv => Assert.Equal(kv.Value, fixedReport.Value(kv.Key)));
        // A text-layer reading is never changed: the rules report it.
        var text = With(generated.ToReport() with { }, (key, printed + 30));
        Assert.Same(text, OcrArithmetic.Check(text));
    }

    [Fact]
    public void Two_misreads_in_one_row_leave_the_cells_null_with_a_finding()
    {
        var generated = ReportGenerator.Generate(42, Edition.E2019, sparse: 0);
        string a = "t3.partially_granted.commercial", b = "t3.partially_granted.research";
        var report = OcrArithmetic.Check(With(AsOcr(generated), (a, generated.Cells[a] + 3), (b, generated.Cells[b] + 5)));
        Assert.Null(report.Value(a));
        Assert.Null(report.Value(b));
        Assert.Equal(CellStatus.Unreadable, report.Cells[a].Status);
        var conflicts = report.Findings.Where(f => f.Rule == "READ.OCR_CONFLICT").ToList();
        Assert.Contains(conflicts, f => f.Cells.Contains(a));
        Assert.Contains(conflicts, f => f.Cells.Contains(b));
        Assert.All(conflicts, f => Assert.Equal(Severity.Warning, f.Severity));
        // Nothing wrong is left standing: every cell is the printed value or null with a finding.
        var (_, _, wrong) = Compare(generated, report);
        Assert.Empty(wrong);
    }

    /// <summary>Each OCR cell of <paramref name="r"/> located by its key, as the OCR reader names grid cells.</summary>
    private static AnnualReport Located(AnnualReport r) =>
        r with { Cells = r.Cells.ToDictionary(kv => kv.Key, kv => kv.Value.Source is { } s ? kv.Value with { Source = s with { At = At(kv.Key) } } : kv.Value) };

    /// <summary>A location unique to the cell <paramref name="key"/> (the OCR reader's are unique by page and box).</summary>
    private static CellLocation At(string key) => new(ReadStrategy.OcrLattice) { Page = 1, Header = key };

    /// <summary>Second readings that agree with the printed value of every cell.</summary>
    private static Dictionary<CellLocation, string> Agreeing(GeneratedReport generated) =>
        generated.Cells.ToDictionary(kv => At(kv.Key), kv => kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// 表二 of the 2021 edition is in no equation: a misread digit there ("26" read as "20") is caught only by the
    /// cell's second, digits-only reading. Agreeing, the number stands; disagreeing or missing, it is null with
    /// READ.OCR_UNVERIFIED. A cell whose equations hold with every term known needs no second reading.
    /// </summary>
    [Fact]
    public void An_OCR_number_no_equation_checks_needs_a_second_reading_that_agrees()
    {
        var generated = ReportGenerator.Generate(57, Edition.E2021, sparse: 0);
        var report = Located(AsOcr(generated));
        string misread = "t2.art20_1.normative_docs.repealed", agreed = "t2.art20_5.licensing.decisions", unread = "t2.art20_6.penalty.decisions";
        report = With(report, (misread, generated.Cells[misread] + 6));
        Assert.All(new[] { misread, agreed, unread }, k => Assert.DoesNotContain(TemplateCatalog.Default[Edition.E2021].Equations, e => e.Keys.Contains(k)));
        // Second readings exist for every 表二 cell but one; the misread one's says what was printed.
        var checks = generated.Cells.Where(kv => kv.Key.StartsWith("t2.", StringComparison.Ordinal) && kv.Key != unread)
            .ToDictionary(kv => At(kv.Key), kv => kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var back = OcrArithmetic.Check(report, checks);
        Assert.Equal(generated.Cells[agreed], back.Value(agreed));
        Assert.Null(back.Value(misread));
        Assert.Null(back.Value(unread));
        var findings = back.Findings.Where(f => f.Rule == "READ.OCR_UNVERIFIED").ToList();
        var disagreed = Assert.Single(findings, f => f.Cells.Contains(misread));
        Assert.Contains(checks[At(misread)], disagreed.Message, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.Cells.Contains(unread));
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
        // 表三 and 表四 hold with every term known: verified without a second reading.
        Assert.All(generated.Cells.Where(kv => !kv.Key.StartsWith("t2.", StringComparison.Ordinal)), kv => Assert.Equal(kv.Value, back.Value(kv.Key)));
        var (_, _, wrong) = Compare(generated, back);
        Assert.Empty(wrong);
        // Without any second reading, every 表二 number is a guess.
        var none = OcrArithmetic.Check(Located(AsOcr(generated)));
        Assert.All(generated.Cells.Keys.Where(k => k.StartsWith("t2.", StringComparison.Ordinal)), k => Assert.Null(none.Value(k)));
    }

    /// <summary>A ruled table laid 0.7° askew: the slope is found, and levelled the rules are found again.</summary>
    [Theory]
    [InlineData(0.7)]
    [InlineData(-0.5)]
    public void A_page_laid_askew_is_levelled_before_its_rules_are_found(double degrees)
    {
        int w = 1600, h = 1000;
        var px = new byte[w * h];
        Array.Fill(px, (byte)255);
        for (int row = 0; row < 10; row++)
            for (int y = 100 + row * 80; y < 102 + row * 80; y++) px.AsSpan(y * w + 200, 1200).Fill(0);
        var level = new Nianbao.Reading.Ocr.GrayImage(w, h, px, 200);
        int rules = Nianbao.Reading.Ocr.RasterRules.Find(level).Rules.Count;
        var askew = Nianbao.Reading.Ocr.Deskew.Rotate(level, -degrees); // turning a level page by -θ slopes its lines by θ
        Assert.True(Nianbao.Reading.Ocr.RasterRules.Find(askew).Rules.Count < rules, "the slope breaks the rules");
        Assert.InRange(Nianbao.Reading.Ocr.Deskew.Angle(askew), degrees - 0.1, degrees + 0.1);
        Assert.Equal(rules, Nianbao.Reading.Ocr.RasterRules.Find(Nianbao.Reading.Ocr.Deskew.Level(askew)).Rules.Count);
        Assert.Same(level, Nianbao.Reading.Ocr.Deskew.Level(level));
    }

    /// <summary>A large glyph's vertical stroke (16 pt body text at 300 dpi) is no rule; a table's vertical border, meeting its horizontal ones, is.</summary>
    [Fact]
    public void A_glyph_stroke_is_not_a_vertical_rule_but_a_cell_border_is()
    {
        int w = 800, h = 600;
        var px = new byte[w * h];
        Array.Fill(px, (byte)255);
        for (int y = 50; y < 115; y++) px.AsSpan(y * w + 100, 6).Fill(0); // a stroke 65 px (15.6 pt) long, alone
        for (int y = 300; y < 303; y++) px.AsSpan(y * w + 100, 600).Fill(0); // a table: two horizontal rules
        for (int y = 380; y < 383; y++) px.AsSpan(y * w + 100, 600).Fill(0);
        for (int y = 300; y < 383; y++) px.AsSpan(y * w + 400, 3).Fill(0); // and a border between them
        var rules = Nianbao.Reading.Ocr.RasterRules.Find(new Nianbao.Reading.Ocr.GrayImage(w, h, px, 300)).Rules;
        var vertical = Assert.Single(rules, r => !r.Horizontal);
        Assert.InRange(vertical.At, 400 * 0.24 - 1, 403 * 0.24 + 1);
    }

    /// <summary>Dust specks off a 300 dpi page are cleaned; a decimal point beside its digits and glyph strokes stay.</summary>
    [Fact]
    public void Isolated_specks_are_cleaned_and_a_decimal_point_stays()
    {
        int w = 400, h = 200;
        var px = new byte[w * h];
        Array.Fill(px, (byte)255);
        void Ink(int x0, int y0, int size) { for (int y = y0; y < y0 + size; y++) px.AsSpan(y * w + x0, size).Fill(0); }
        Ink(100, 100, 30); // a digit's body
        Ink(134, 124, 4);  // a decimal point just after it
        Ink(300, 40, 3);   // dust
        Ink(50, 170, 2);   // dust
        var page = new Nianbao.Reading.Ocr.GrayImage(w, h, px, 300);
        var clean = Nianbao.Reading.Ocr.Despeckle.Clean(page);
        Assert.Equal(255, clean[300, 40]);
        Assert.Equal(255, clean[50, 170]);
        Assert.Equal(0, clean[135, 125]);
        Assert.Equal(0, clean[110, 110]);
        var level = Nianbao.Reading.Ocr.Despeckle.Clean(new Nianbao.Reading.Ocr.GrayImage(w, h, clean.Pixels, 300));
        Assert.Equal(clean.Pixels, level.Pixels);
    }

    [Theory]
    [InlineData("lO", true, "10")]
    [InlineData("O", true, "0")]
    [InlineData("O", false, "O")]
    [InlineData("2S", false, "25")]
    [InlineData("1 234", true, "1234")]
    [InlineData("B6", true, "86")]
    [InlineData("行政许可", true, "行政许可")]
    [InlineData("Ss", true, "55")]
    [InlineData("So", false, "So")]
    [InlineData("S-B", true, "S-B")]
    public void Letters_misread_for_digits_are_mapped_only_in_a_number(string text, bool cell, string expected) =>
        Assert.Equal(expected, Nianbao.Reading.Ocr.OcrDigits.Normalise(text, cell));
}
