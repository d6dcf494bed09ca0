using Nianbao.Reading.Pdf;

namespace Nianbao.Reading.Ocr;

/// <summary>
/// Ruling lines of a scanned page, from its pixels: long, thin runs of dark pixels, horizontal and vertical. They
/// go to the same lattice step as a PDF's vector rules (<see cref="RuledGrid"/>), in points; and they are erased
/// from the raster before OCR, so that Tesseract does not read a cell border as "|" or "1" beside a number.
/// </summary>
public static class RasterRules
{
    /// <summary>Darker than this (0–255) is ink. Scans are usually 8-bit grey; anti-aliased rules stay below it.</summary>
    public const int Ink = 160;

    /// <summary>
    /// A horizontal run at least this long (points) can be a rule: a CJK glyph's longest stroke at body size (10.5–
    /// 16 pt) is shorter, and a table's narrowest cell (表三's number columns, about 40 pt) is longer.
    /// </summary>
    public const double MinHorizontal = 24;

    /// <summary>A vertical run at least this long (points): longer than a glyph's stroke, shorter than a table row (18 pt or more).</summary>
    public const double MinVertical = 14;

    /// <summary>A vertical run at least this long (points) is a rule though it meets no horizontal one: longer than any heading's glyph.</summary>
    public const double MinFreeVertical = 72;

    /// <summary>A rule is at most this thick (points), as <see cref="PathRules.MaxRuleThickness"/>; thicker dark areas are pictures or shading.</summary>
    public const double MaxThickness = 2.5;

    /// <summary>Gaps of up to this many pixels inside a run are noise of the scan (or a dashed-looking rasterised rule).</summary>
    public const int MaxGap = 2;

    /// <summary>A band of runs: pixel rows y0..y1 (horizontal) or columns (vertical), spanning from..to along the rule.</summary>
    private sealed class Band(int first, int from, int to)
    {
        public int First = first, Last = first, From = from, To = to;
    }

    /// <summary>The rules of a page in points, and the page with them painted white (for OCR).</summary>
    public static (IReadOnlyList<PdfRule> Rules, GrayImage Cleaned) Find(GrayImage image)
    {
        double ppp = image.PointsPerPixel;
        int minH = (int)Math.Ceiling(MinHorizontal / ppp), minV = (int)Math.Ceiling(MinVertical / ppp);
        int maxThick = Math.Max(2, (int)Math.Ceiling(MaxThickness / ppp));
        var horizontal = Bands(image.Width, image.Height, (along, across) => image[along, across], minH, maxThick);
        // A vertical stroke of a large glyph (a 16 pt body's 丨 is longer than the shortest rule) is no rule: a table's
        // vertical border meets its horizontal ones, and a free-standing rule is longer than any glyph.
        int tol = maxThick + MaxGap, free = (int)Math.Ceiling(MinFreeVertical / ppp);
        var vertical = Bands(image.Height, image.Width, (along, across) => image[across, along], minV, maxThick)
            .Where(v => v.To - v.From + 1 >= free || horizontal.Any(h =>
                h.From - tol <= v.First && v.Last <= h.To + tol && h.Last >= v.From - tol && h.First <= v.To + tol))
            .ToList();
        var cleaned = (byte[])image.Pixels.Clone();
        var rules = new List<PdfRule>();
        foreach (var b in horizontal)
        {
            rules.Add(PdfRule.H((b.First + b.Last + 1) / 2.0 * ppp, b.From * ppp, (b.To + 1) * ppp));
            Paint(cleaned, image.Width, image.Height, b.From, b.To, b.First - 1, b.Last + 1);
        }
        foreach (var b in vertical)
        {
            rules.Add(PdfRule.V((b.First + b.Last + 1) / 2.0 * ppp, b.From * ppp, (b.To + 1) * ppp));
            Paint(cleaned, image.Width, image.Height, b.First - 1, b.Last + 1, b.From, b.To);
        }
        return (rules, new GrayImage(image.Width, image.Height, cleaned, image.Dpi));
    }

    private static void Paint(byte[] pixels, int width, int height, int x0, int x1, int y0, int y1)
    {
        for (int y = Math.Max(0, y0); y <= Math.Min(height - 1, y1); y++)
            pixels.AsSpan(y * width + Math.Max(0, x0), Math.Min(width - 1, x1) - Math.Max(0, x0) + 1).Fill(255);
    }

    /// <summary>
    /// Runs of ink along one axis (length <paramref name="length"/>) in every line across it (<paramref name="lines"/>),
    /// joined into bands over neighbouring lines; bands thicker than a rule are dropped.
    /// </summary>
    private static List<Band> Bands(int length, int lines, Func<int, int, byte> pixel, int minRun, int maxThick)
    {
        var done = new List<Band>();
        var open = new List<Band>();
        for (int across = 0; across < lines; across++)
        {
            var next = new List<Band>();
            int along = 0;
            while (along < length)
            {
                if (pixel(along, across) >= Ink) { along++; continue; }
                int start = along, end = along, gap = 0;
                for (along++; along < length; along++)
                {
                    if (pixel(along, across) < Ink) { end = along; gap = 0; }
                    else if (++gap > MaxGap) break;
                }
                if (end - start + 1 < minRun) continue;
                // A run continues a band of the previous line when they overlap for most of the shorter one.
                var band = open.FirstOrDefault(b => Math.Min(b.To, end) - Math.Max(b.From, start) >= Math.Min(b.To - b.From, end - start) / 2);
                if (band is not null && !next.Contains(band))
                {
                    open.Remove(band);
                    band.Last = across;
                    band.From = Math.Min(band.From, start);
                    band.To = Math.Max(band.To, end);
                    next.Add(band);
                }
                else next.Add(new Band(across, start, end));
            }
            done.AddRange(open);
            open = next;
        }
        done.AddRange(open);
        return done.Where(b => b.Last - b.First + 1 <= maxThick).OrderBy(b => b.First).ToList();
    }
}
