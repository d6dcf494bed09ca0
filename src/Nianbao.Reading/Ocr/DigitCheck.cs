using System.Globalization;
using Nianbao.Reading.Pdf;

namespace Nianbao.Reading.Ocr;

/// <summary>
/// A second, independent reading of every grid cell that the page reading took for a number: the cell's own box is
/// cut from the raster and read by Tesseract again as one line (<c>--psm 7</c>) with the Latin model and only digits
/// allowed. The page reading is a Chinese model segmenting a whole page; this one shares neither the segmentation
/// nor the model, so the two seldom make the same mistake. Recognition (<c>OcrArithmetic</c>) keeps an OCR number
/// that no holding equation checks only when this reading agrees with it.
/// </summary>
public static class DigitCheck
{
    /// <summary>Characters the second reading may return: a number as the template's cells hold them.</summary>
    public const string Whitelist = "0123456789.,-";

    /// <summary>White margin (pixels) around a crop: Tesseract misses glyphs that touch the image's edge.</summary>
    private const int Pad = 20;

    /// <summary>A cell of one page to read again: its box in points and what the page reading made of it.</summary>
    public sealed record Cell(PdfBox Box, string Text);

    /// <summary>
    /// The cells of a page's grids whose page reading is a number (after the letter-for-digit mapping); the rest
    /// (labels, empty cells) have nothing for a digits-only reading to confirm.
    /// </summary>
    public static IReadOnlyList<Cell> NumberCells(IReadOnlyList<PdfRule> rules, IReadOnlyList<PdfWord> words) =>
        RuledGrid.Instance.Find(rules, words).Grids.SelectMany(g => g.Cells)
            .Where(c => IsNumber(OcrDigits.Normalise(c.Text, cell: true)))
            .Select(c => new Cell(c.Box, c.Text)).ToList();

    /// <summary>
    /// The second reading of each cell (digits only, "" when Tesseract saw none, null when it could not read the
    /// crop), in one Tesseract run over all crops (a list file: each crop is a page of the run).
    /// </summary>
    public static IReadOnlyList<string?> Read(GrayImage page, IReadOnlyList<Cell> cells, string dir, TimeSpan timeout)
    {
        if (cells.Count == 0) return [];
        double ppp = page.PointsPerPixel;
        int inset = (int)Math.Ceiling(RuledGrid.Snap / ppp);
        var files = new List<string>();
        for (int i = 0; i < cells.Count; i++)
        {
            var b = cells[i].Box;
            int x0 = Math.Max(0, (int)(b.X0 / ppp) + inset), y0 = Math.Max(0, (int)(b.Y0 / ppp) + inset);
            int x1 = Math.Min(page.Width, (int)(b.X1 / ppp) - inset), y1 = Math.Min(page.Height, (int)(b.Y1 / ppp) - inset);
            if (x1 <= x0) (x0, x1) = (Math.Max(0, (int)(b.X0 / ppp)), Math.Min(page.Width, (int)(b.X1 / ppp)));
            if (y1 <= y0) (y0, y1) = (Math.Max(0, (int)(b.Y0 / ppp)), Math.Min(page.Height, (int)(b.Y1 / ppp)));
            int w = Math.Max(1, x1 - x0) + 2 * Pad, h = Math.Max(1, y1 - y0) + 2 * Pad;
            var crop = new byte[w * h];
            Array.Fill(crop, (byte)255);
            for (int y = y0; y < y1; y++) Array.Copy(page.Pixels, y * page.Width + x0, crop, (y - y0 + Pad) * w + Pad, x1 - x0);
            var file = Path.Combine(dir, $"digits-{i + 1}.pgm");
            File.WriteAllBytes(file, new GrayImage(w, h, crop, page.Dpi).ToPgm());
            files.Add(file);
        }
        var list = Path.Combine(dir, "digits.txt");
        File.WriteAllLines(list, files);
        try
        {
            var all = Run(list, page, timeout);
            if (all is not null)
                return Enumerable.Range(1, cells.Count).Select(n => all.GetValueOrDefault(n, "")).ToList();
            // Tesseract gave up on the run (it stops at a crop it cannot handle): each crop alone, and a crop that
            // fails again has no second reading (its number then stands only if an equation checks it).
            return files.Select(f => Run(f, page, timeout) is { } r ? r.GetValueOrDefault(1, "") : null).ToList();
        }
        finally
        {
            foreach (var f in files) File.Delete(f);
            File.Delete(list);
        }
    }

    /// <summary>The digits read per image (1-based, list order), or null when Tesseract failed or ran out of time.</summary>
    private static Dictionary<int, string>? Run(string input, GrayImage page, TimeSpan timeout)
    {
        ExternalTool.Output output;
        try
        {
            output = ExternalTool.Run(["tesseract"], "tesseract-ocr",
                [input, "-", "-l", "eng", "--psm", "7", "--dpi", Math.Round(page.Dpi).ToString(CultureInfo.InvariantCulture),
                 "-c", "tessedit_char_whitelist=" + Whitelist, "tsv"], timeout);
        }
        catch (ExternalToolException)
        {
            return null;
        }
        if (output.ExitCode != 0) return null;
        // TSV pages are the images in list order; an image with no word has no words in its page.
        return TesseractTsv.Parse(output.StdOut, page.PointsPerPixel).ToDictionary(p => p.Number, p => string.Concat(p.Words.Select(x => x.Text)));
    }

    /// <summary>The value of a digits-only text ("1,234" is 1234), null when it is not one number.</summary>
    public static decimal? Value(string? text)
    {
        if (text is null) return null;
        var t = text.Replace(",", "", StringComparison.Ordinal).Trim();
        return t.Length > 0 && decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static bool IsNumber(string text) => text.Any(char.IsAsciiDigit) && Value(text) is not null;
}
