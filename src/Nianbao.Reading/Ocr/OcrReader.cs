using System.Diagnostics;
using System.Globalization;
using System.Text;
using Nianbao.Reading.Pdf;
using Nianbao.Template;

namespace Nianbao.Reading.Ocr;

/// <summary>
/// Scans: a PDF without a text layer and image files (PNG, JPEG, TIFF). Pages are rasterised in grey by
/// <c>pdftoppm</c>, ruling lines found in the pixels (<see cref="RasterRules"/>) and erased, the rest read by
/// Tesseract (<c>chi_sim+eng</c>, words with boxes); then the PDF layout steps build the tables from the rules
/// ("ocr-lattice") or read the words as lines ("ocr-text"). Numbers read by OCR are not trusted blindly: every
/// number cell is read a second time on its own, digits only (<see cref="DigitCheck"/>, carried in
/// <see cref="LayoutDocument.DigitChecks"/>), and the template's arithmetic checks them afterwards
/// (<c>OcrArithmetic</c> in recognition), which keeps a number no equation checks only when both readings agree.
/// </summary>
public sealed partial class OcrReader : IDocumentReader
{
    public static readonly OcrReader Instance = new();

    private OcrReader() { }

    /// <summary>Image files; scanned PDFs come through <see cref="PdfReader"/>, which finds no text layer.</summary>
    public FileFormat Format => FileFormat.Image;

    public bool Accepts(DocumentInput input) => input.Sniffed == FileFormat.Image;

    public ReadResult Read(DocumentInput input) => ReadImage(input.Bytes);

    public const string LatticeName = "ocr-lattice";
    public const string TextName = "ocr-text";

    /// <summary>Rasterising resolution: Tesseract reads 10.5 pt CJK reliably from about 300 dpi.</summary>
    public const int Dpi = 300;

    /// <summary>More pages than this are not OCR'd (a report has 3–30 pages; a page takes seconds to read).</summary>
    public const int MaxPages = 40;

    /// <summary>One page's OCR; a page that takes longer is a picture Tesseract cannot make sense of.</summary>
    public static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The whole document's OCR, checked between pages.</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Page segmentation: 4 ("a single column of text of variable sizes") keeps a table row's cells on one line and
    /// reads them in order, where 6 (one uniform block) and the default 3 split the page into columns of cells.
    /// </summary>
    public const int PageSegmentation = 4;

    /// <summary>An A4 page's long side (inches), for the resolution of an image that does not state it.</summary>
    private const double A4LongSide = 11.69;

    private static readonly string[] Tesseract = ["tesseract"];

    /// <summary>
    /// Pixels one rasterised PDF page may have: an A4 page at <see cref="Dpi"/>, with a tenth to spare so that pages a
    /// little off the standard size (a scan's 595.2 × 842.4 pt) keep 300 dpi: drawn at 299 dpi, the resampling of a
    /// 150 dpi scan read 111 cells right instead of 172. A larger page is drawn at a lower resolution (A3 at 222 dpi,
    /// still above the 200 dpi scans read well), so a 7,000 pt page costs what an A4 page does, not 850 million pixels.
    /// </summary>
    public const long MaxPagePixels = 2480L * 3508 * 11 / 10;

    /// <summary>
    /// Pixels an image file may have, read from its header before decoding: eight A4 pages at 300 dpi, as a whole
    /// report saved as one tall image is (OcrTests reads one of 2,479 × 15,354), or one page scanned at 800 dpi.
    /// </summary>
    public const long MaxImagePixels = 8 * 2480L * 3508;

    /// <summary>Time granted to the file's budget (<see cref="ReadBudget"/>) for each page read by OCR (measured: 5–30 s a page).</summary>
    public static readonly TimeSpan PageAllowance = TimeSpan.FromSeconds(90);

    /// <summary>The resolution a page of this size (points) is rasterised at: <see cref="Dpi"/>, lower for pages over the pixel budget.</summary>
    public static int PageDpi(double widthPt, double heightPt)
    {
        double inches2 = widthPt / 72 * (heightPt / 72);
        if (!(inches2 > 0)) return Dpi;
        return (int)Math.Clamp(Math.Floor(Math.Sqrt(MaxPagePixels / inches2)), 1, Dpi);
    }

    /// <summary>A PDF with no text layer, with its pages' sizes in points (from the PDF).</summary>
    public static ReadResult ReadPdf(string path, string dir, IReadOnlyList<(double Width, double Height)> pageSizes)
    {
        if (pageSizes.Count > MaxPages)
            return ReadResult.Fail(FileFormat.Pdf, ReadErrorCode.TooLarge, $"扫描件页数过多（{pageSizes.Count} 页），文字识别（OCR）最多处理 {MaxPages} 页");
        // One page at a time: drawn, read, its file deleted, so a page's pixels are all that is held or on disk.
        GrayImage Page(int i)
        {
            int dpi = PageDpi(pageSizes[i].Width, pageSizes[i].Height);
            var prefix = Path.Combine(dir, "page");
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            var raster = ExternalTool.Run(["pdftoppm"], "poppler-utils",
                ["-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-f", number, "-l", number, "-singlefile", path, prefix],
                PdfReader.Timeout * 2);
            var file = prefix + ".pgm";
            try
            {
                if (raster.ExitCode != 0 || !File.Exists(file))
                    throw new ReadRefusedException(FileFormat.Pdf, ReadErrorCode.Corrupt, $"无法把 PDF 第 {i + 1} 页转为图像以识别文字（pdftoppm：{raster.StdErr.Trim().Split('\n')[^1]}）");
                var image = GrayImage.ReadPgm(File.ReadAllBytes(file), dpi)
                    ?? throw new ReadRefusedException(FileFormat.Pdf, ReadErrorCode.Corrupt, "pdftoppm 输出的页面图像无法解析");
                // The PDF's own page size and poppler's may differ (a user unit): the pixels are what is checked.
                if ((long)image.Width * image.Height > MaxPagePixels * 2)
                    throw new ReadRefusedException(FileFormat.Pdf, ReadErrorCode.TooLarge, $"PDF 第 {i + 1} 页过大（{image.Width}×{image.Height} 像素），超过文字识别的上限");
                return image;
            }
            finally
            {
                File.Delete(file);
            }
        }
        try
        {
            return Read(FileFormat.Pdf, pageSizes.Count, Page, dir);
        }
        catch (ReadRefusedException e)
        {
            return e.Result;
        }
    }

    /// <summary>An image file: a PNG is read with its ruling lines; JPEG, TIFF (several pages) and GIF go to Tesseract as they are, read as lines.</summary>
    public static ReadResult ReadImage(byte[] bytes)
    {
        // The header's size is checked before any decoder (ours or Tesseract's) allocates for it.
        if (ImageSize.Pages(bytes) is not { } sizes)
            return ReadResult.Fail(FileFormat.Image, ReadErrorCode.Corrupt, "图片文件头已损坏，无法确定图像尺寸，不予识别");
        if (sizes.Count > MaxPages)
            return ReadResult.Fail(FileFormat.Image, ReadErrorCode.TooLarge, $"图片页数过多（{sizes.Count} 页），文字识别（OCR）最多处理 {MaxPages} 页");
        foreach (var (w, h) in sizes)
            if (w <= 0 || h <= 0 || (long)w * h > MaxImagePixels)
                return ReadResult.Fail(FileFormat.Image, ReadErrorCode.TooLarge, $"图片尺寸过大或无效（{w}×{h} 像素），文字识别最多处理 {MaxImagePixels / 1_000_000} 百万像素（约 8 页 A4 纸，300 dpi）");
        var dir = Directory.CreateTempSubdirectory("nianbao-ocr-");
        try
        {
            var png = GrayImage.ReadPng(bytes, (w, h) => Math.Max(w, h) / A4LongSide);
            if (png is not null) return Read(FileFormat.Image, 1, _ => png, dir.FullName);
            var path = Path.Combine(dir.FullName, "in.img");
            File.WriteAllBytes(path, bytes);
            ReadBudget.Grant(PageAllowance * sizes.Count);
            var tsv = Ocr(path, null, PageTimeout * 4);
            if (tsv.Error is { } error) return ReadResult.Fail(FileFormat.Image, ReadErrorCode.Tool, error);
            // Without a stated resolution the page is taken as A4 (a scanned report page).
            var pixels = TesseractTsv.Parse(tsv.Text!, 1.0);
            var scale = pixels.Select(p => 72.0 / (Math.Max(1, Math.Max(p.Width, p.Height)) / A4LongSide)).ToList();
            var pages = pixels.Select((p, i) =>
            {
                double ppp = scale[i];
                var words = p.Words.Select(w => w with { Box = new PdfBox(w.Box.X0 * ppp, w.Box.Y0 * ppp, w.Box.X1 * ppp, w.Box.Y1 * ppp) }).ToList();
                return new PdfPage(i + 1, p.Width * ppp, p.Height * ppp, words, []);
            }).ToList();
            return Layout(FileFormat.Image, pages, scale.Select(ppp => 1 / ppp).ToList());
        }
        catch (ExternalToolException e)
        {
            return ReadResult.Fail(FileFormat.Image, ReadErrorCode.Tool, e.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <param name="page">Loads page i (0-based) when its turn comes.</param>
    private static ReadResult Read(FileFormat format, int count, Func<int, GrayImage> page, string dir)
    {
        var clock = Stopwatch.StartNew();
        var pages = new List<PdfPage>();
        var pixelsPerPoint = new List<double>();
        var checks = new Dictionary<(int Page, PdfBox Box), string>();
        for (int i = 0; i < count; i++)
        {
            if (clock.Elapsed > TotalTimeout)
                return ReadResult.Fail(format, ReadErrorCode.TooLarge, $"文字识别（OCR）超过 {TotalTimeout.TotalMinutes:0} 分钟仍未完成（已识别 {i} 页），已停止");
            // A page read by OCR takes seconds: the file's budget grows by a page's allowance (an expired one stays expired).
            ReadBudget.Grant(PageAllowance);
            ReadBudget.Check();
            // Dust is cleaned off and a page laid askew turned level first, or Tesseract reads garbage and the ruling
            // lines are not found; locators then give pixels of the levelled page (a few off the file's own at most).
            var image = Deskew.Level(Despeckle.Clean(page(i)));
            var (rules, cleaned) = RasterRules.Find(image);
            var file = Path.Combine(dir, $"clean-{i + 1}.pgm");
            File.WriteAllBytes(file, cleaned.ToPgm());
            (string? Text, string? Error) tsv;
            try { tsv = Ocr(file, image.Dpi, PageTimeout); }
            finally { File.Delete(file); }
            if (tsv.Error is { } error) return ReadResult.Fail(format, ReadErrorCode.Tool, error);
            var words = TesseractTsv.Parse(tsv.Text!, image.PointsPerPixel).SelectMany(p => p.Words).ToList();
            var retried = RereadCells(cleaned, rules, words, dir);
            if (retried.Error is { } cellError) return ReadResult.Fail(format, ReadErrorCode.Tool, cellError);
            words = retried.Words;
            var numbers = DigitCheck.NumberCells(rules, words);
            // A number cell's second reading; without one (Tesseract failed on it) only an equation can check it.
            var second = DigitCheck.Read(cleaned, numbers, dir, PageTimeout);
            for (int c = 0; c < numbers.Count; c++)
                if (second[c] is { } reading) checks[(i + 1, numbers[c].Box)] = reading;
            pages.Add(new PdfPage(i + 1, image.Width * image.PointsPerPixel, image.Height * image.PointsPerPixel, words, rules));
            pixelsPerPoint.Add(1 / image.PointsPerPixel);
        }
        return Layout(format, pages, pixelsPerPoint, checks);
    }

    /// <summary>Most cells of one page read again on their own (a page of garbage is not worth minutes of retries).</summary>
    public const int MaxRereadCells = 60;

    /// <summary>Dark pixels inside a cell (rules erased) that make an empty reading suspect: a "1" at 10.5 pt and 200 dpi has about 80.</summary>
    public const int MinInkPixels = 40;

    /// <summary>
    /// Tesseract reads a whole page as lines; in a table a number set between the two lines of a wrapped label is
    /// taken into a line with the wrong baseline and dropped or garbled. A grid cell that came back empty though it
    /// has ink, or with only Latin letters (no digit, no Chinese), is read again on its own (single block), and its
    /// words replaced. A cell still unread is left to recognition, which then reports it, never reads it as 0.
    /// </summary>
    private static (List<PdfWord> Words, string? Error) RereadCells(GrayImage page, IReadOnlyList<PdfRule> rules, List<PdfWord> words, string dir)
    {
        var tables = RuledGrid.Instance.Find(rules, words);
        double ppp = page.PointsPerPixel;
        int retries = 0;
        foreach (var cell in tables.Grids.SelectMany(g => g.Cells))
        {
            var text = OcrDigits.Normalise(cell.Text, cell: true);
            bool garbled = text.Length > 0 && !text.Any(c => char.IsAsciiDigit(c) || PdfText.IsCjk(c));
            if (text.Length > 0 && !garbled) continue;
            // The cell's inside, clear of its (erased) borders.
            int inset = (int)Math.Ceiling(RuledGrid.Snap / ppp);
            int x0 = (int)(cell.Box.X0 / ppp) + inset, y0 = (int)(cell.Box.Y0 / ppp) + inset;
            int x1 = (int)(cell.Box.X1 / ppp) - inset, y1 = (int)(cell.Box.Y1 / ppp) - inset;
            if (x1 - x0 < 4 || y1 - y0 < 4 || Ink(page, x0, y0, x1, y1) < MinInkPixels) continue;
            if (++retries > MaxRereadCells) break;
            const int pad = 20;
            int w = x1 - x0 + 2 * pad, h = y1 - y0 + 2 * pad;
            var crop = new byte[w * h];
            Array.Fill(crop, (byte)255);
            for (int y = y0; y < y1; y++) Array.Copy(page.Pixels, y * page.Width + x0, crop, (y - y0 + pad) * w + pad, x1 - x0);
            var file = Path.Combine(dir, "cell.pgm");
            File.WriteAllBytes(file, new GrayImage(w, h, crop, page.Dpi).ToPgm());
            var tsv = Ocr(file, page.Dpi, PageTimeout, psm: 6);
            if (tsv.Error is { } error) return ([], error);
            var found = TesseractTsv.Parse(tsv.Text!, ppp).SelectMany(p => p.Words)
                .Select(x => x with { Box = new PdfBox(x.Box.X0 + (x0 - pad) * ppp, x.Box.Y0 + (y0 - pad) * ppp, x.Box.X1 + (x0 - pad) * ppp, x.Box.Y1 + (y0 - pad) * ppp) })
                .ToList();
            if (found.Count == 0) continue;
            words = words.Where(x => !Inside(cell.Box, x.Box)).Concat(found).ToList();
        }
        return (words, null);

        static bool Inside(PdfBox box, PdfBox w) => w.CentreX > box.X0 && w.CentreX < box.X1 && w.CentreY > box.Y0 && w.CentreY < box.Y1;
    }

    private static int Ink(GrayImage page, int x0, int y0, int x1, int y1)
    {
        int n = 0;
        for (int y = Math.Max(0, y0); y < Math.Min(page.Height, y1); y++)
            for (int x = Math.Max(0, x0); x < Math.Min(page.Width, x1); x++)
                if (page[x, y] < RasterRules.Ink) n++;
        return n;
    }

    /// <summary>Tesseract's TSV for one image, or the reason it could not run (the Chinese model missing named clearly).</summary>
    private static (string? Text, string? Error) Ocr(string path, double? dpi, TimeSpan timeout, int psm = PageSegmentation)
    {
        List<string> args = [path, "-", "-l", "chi_sim+eng", "--psm", psm.ToString(CultureInfo.InvariantCulture)];
        if (dpi is { } d) args.AddRange(["--dpi", Math.Round(d).ToString(CultureInfo.InvariantCulture)]);
        args.Add("tsv");
        var output = ExternalTool.Run(Tesseract, "tesseract-ocr", args, timeout);
        if (output.ExitCode == 0) return (output.StdOut, null);
        if (output.StdErr.Contains("chi_sim", StringComparison.Ordinal))
            return (null, "未安装 Tesseract 的简体中文识别模型 chi_sim（Debian/Ubuntu：apt-get install tesseract-ocr-chi-sim）");
        return (null, $"文字识别（tesseract）失败：{output.StdErr.Trim().Split('\n')[^1]}");
    }

    /// <param name="pixelsPerPoint">Per page, for locators in the raster's pixels.</param>
    /// <param name="checks">The digits-only second reading of number cells (<see cref="DigitCheck"/>), by page and cell box.</param>
    private static ReadResult Layout(FileFormat format, IReadOnlyList<PdfPage> pages, IReadOnlyList<double> pixelsPerPoint,
        IReadOnlyDictionary<(int Page, PdfBox Box), string>? checks = null)
    {
        CellBox BoxOf(int page, PdfBox b) => CellLocation.PointBox(b.X0, b.Y0, b.X1, b.Y1, pixelsPerPoint[page - 1], BoxUnit.Px);
        // The layout step places a cell by page and box; the second readings are found again by those.
        var byPlace = (checks ?? new Dictionary<(int, PdfBox), string>()).ToDictionary(kv => (kv.Key.Page, BoxOf(kv.Key.Page, kv.Key.Box)), kv => kv.Value);
        if (pages.Sum(p => p.Words.Sum(w => w.Text.Count(char.IsLetterOrDigit))) == 0)
            return ReadResult.Fail(format, ReadErrorCode.NoText, "文字识别（OCR）没有在图像中找到文字");
        var layout = new PdfLayout(WordLines.Instance, new NamedTables(LatticeName, RuledGrid.Instance), TableStrategyDecision.Instance)
        {
            Format = format,
            ColumnsName = TextName,
            BoxOf = BoxOf,
        };
        var doc = layout.Read(pages, n => ColumnsText(pages[n - 1]));
        doc ??= PlainTextReader.Instance.Read(string.Join("\n", pages.Select(ColumnsText)), "utf-8", EncodingConfidence.Certain)
            with { Format = format, Method = TextName };
        return new ReadResult(format, Normalised(doc, byPlace), null);
    }

    /// <summary>
    /// A page's words as text lines with columns kept apart by wide spaces, as poppler's <c>-layout</c> writes
    /// them, so the aligned-columns reading works on OCR words too.
    /// </summary>
    private static string ColumnsText(PdfPage page)
    {
        var sb = new StringBuilder();
        foreach (var line in WordLines.Instance.Lines(page.Words))
        {
            for (int i = 0; i < line.Words.Count; i++)
            {
                if (i > 0)
                {
                    var (a, b) = (line.Words[i - 1], line.Words[i]);
                    double gap = b.Box.X0 - a.Box.X1, height = Math.Min(a.Box.Height, b.Box.Height);
                    if (gap >= TableStrategyDecision.ColumnGapHeights * line.Box.Height) sb.Append("    ");
                    else if (!(PdfText.IsCjk(a.Text[^1]) && PdfText.IsCjk(b.Text[0]) && gap < height / 2)) sb.Append(' ');
                }
                sb.Append(line.Words[i].Text);
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The document with misread digits mapped in number cells and words (<see cref="OcrDigits"/>) and table labels snapped to the template's (<see cref="OcrLabels"/>); the cell keeps what Tesseract read.</summary>
    private static LayoutDocument Normalised(LayoutDocument doc, IReadOnlyDictionary<(int Page, CellBox Box), string> checks)
    {
        var builder = new LayoutBuilder();
        var second = new Dictionary<CellLocation, string>();
        foreach (var block in doc.Blocks)
        {
            switch (block)
            {
                case LayoutLine line:
                    builder.Line(OcrDigits.NormaliseWords(line.Text));
                    break;
                case LayoutTable table:
                    builder.Table(table.Rows.Select(r => (IReadOnlyList<(string, CellLocation?, string?)>)r.Cells.Select(c =>
                    {
                        var text = OcrDigits.Normalise(c.Text, cell: true);
                        if (text == c.Text) text = OcrLabels.Snap(c.Text) ?? c.Text;
                        if (c.At is { Page: { } page, Box: { } box } at && checks.TryGetValue((page, box), out var check)) second[at] = check;
                        return (text, c.At, text == c.Text ? null : c.Text);
                    }).ToList()));
                    break;
            }
        }
        return builder.Build(doc.Format, doc.Encoding, doc.Confidence, doc.Method) with { DigitChecks = second };
    }

    /// <summary>The lattice step under the OCR strategy's name (its name goes into every cell's provenance).</summary>
    private sealed class NamedTables(string name, IPdfTableStep inner) : IPdfTableStep
    {
        public string Name => name;
        public PdfTables Find(IReadOnlyList<PdfRule> rules, IReadOnlyList<PdfWord> words) => inner.Find(rules, words);
    }
}
