using System.Globalization;
using Nianbao.Reading.Pdf;

namespace Nianbao.Reading.Ocr;

/// <summary>
/// Tesseract's <c>tsv</c> output: one row per page, block, paragraph, line and word (level 5), boxes in pixels from
/// the top left. Only words are kept, as <see cref="PdfWord"/>s in points, so the PDF layout steps read them.
/// </summary>
public static class TesseractTsv
{
    public sealed record Page(int Number, double Width, double Height, IReadOnlyList<PdfWord> Words, IReadOnlyList<double> Confidences);

    /// <param name="pointsPerPixel">72 / the raster's dpi.</param>
    /// <remarks>
    /// A word's box is its glyphs' ink (一 is a few pixels high, 口 a full em), so each word takes the height of its
    /// text line, as poppler's font boxes do: the line step then groups and joins by the same measure as in a PDF.
    /// </remarks>
    public static IReadOnlyList<Page> Parse(string tsv, double pointsPerPixel)
    {
        var pages = new SortedDictionary<int, (double W, double H, List<PdfWord> Words, List<double> Conf)>();
        int lineTop = 0, lineBottom = 0;
        foreach (var line in tsv.Split('\n'))
        {
            var f = line.TrimEnd('\r').Split('\t');
            if (f.Length < 12 || !int.TryParse(f[0], out var level) || !int.TryParse(f[1], out var page)) continue;
            if (!int.TryParse(f[6], out var left) || !int.TryParse(f[7], out var top) ||
                !int.TryParse(f[8], out var width) || !int.TryParse(f[9], out var height)) continue;
            if (!pages.TryGetValue(page, out var p)) pages[page] = p = (0, 0, [], []);
            if (level == 1)
            {
                pages[page] = p with { W = width * pointsPerPixel, H = height * pointsPerPixel };
                continue;
            }
            if (level == 4)
            {
                lineTop = top;
                lineBottom = top + height;
                continue;
            }
            var text = f[11].Trim();
            if (level != 5 || text.Length == 0) continue;
            int y0 = Math.Min(top, lineTop), y1 = Math.Max(top + height, lineBottom);
            var box = new PdfBox(left * pointsPerPixel, y0 * pointsPerPixel, (left + width) * pointsPerPixel, y1 * pointsPerPixel);
            p.Words.Add(new PdfWord(text, box));
            p.Conf.Add(double.TryParse(f[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var c) ? c : -1);
        }
        return pages.Select(kv => new Page(kv.Key, kv.Value.W, kv.Value.H, kv.Value.Words, kv.Value.Conf)).ToList();
    }
}
