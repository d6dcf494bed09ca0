using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics;
using UglyToad.PdfPig.Graphics.Colors;

namespace Nianbao.Reading.Pdf;

/// <summary>
/// A PDF's pages read in-process by PdfPig: characters (<see cref="PdfGlyph"/>, joined into words by
/// <see cref="LetterWords"/>) and drawn paths (<see cref="PathRules"/>), in points from the top left of the crop box,
/// the coordinates the layout steps use. PdfPig's characters agree with poppler's text on the real and printed
/// reports measured; unlike poppler's XML output, a document title in UTF-16 cannot break the reading.
/// </summary>
public sealed class PdfPigPages : IDisposable
{
    /// <summary>Where a Type 3 or box-less glyph's box is set, as fractions of its point size above and below the baseline (a CJK font's ascent and descent).</summary>
    public const double Ascent = 0.88, Descent = 0.12;

    private readonly PdfDocument _document;

    private PdfPigPages(PdfDocument document) => _document = document;

    /// <summary>Opens the document; PdfPig's exceptions (damaged, encrypted with a password) propagate to the caller.</summary>
    public static PdfPigPages Open(byte[] bytes) =>
        new(PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true }));

    public int PageCount => _document.NumberOfPages;

    /// <summary>The title in the document information (null when absent or blank).</summary>
    public string? Title => string.IsNullOrWhiteSpace(_document.Information.Title) ? null : _document.Information.Title.Trim();

    /// <summary>Page <paramref name="number"/> (1-based): its words and rules, both clipped to the page.</summary>
    public PdfPage Page(int number)
    {
        var page = _document.GetPage(number);
        var crop = page.CropBox.Bounds;
        double left = Math.Min(crop.Left, crop.Right), top = Math.Max(crop.Top, crop.Bottom);
        double width = Math.Abs(crop.Width), height = Math.Abs(crop.Height);
        // Plain loops: a page has thousands of letters, and this runs for every one of them.
        var letters = page.Letters;
        var glyphs = new List<PdfGlyph>(letters.Count);
        foreach (var letter in letters)
            if (Glyph(letter, left, top, width, height) is { } glyph) glyphs.Add(glyph);
        var words = LetterWords.Words(glyphs);
        var shapes = page.Paths.Where(p => !p.IsClipping).Select(p => Shape(p, left, top)).OfType<PdfShape>();
        return new PdfPage(number, width, height, words, PathRules.Rules(shapes, width, height));
    }

    private static PdfGlyph? Glyph(Letter l, double left, double top, double width, double height)
    {
        if (string.IsNullOrEmpty(l.Value)) return null;
        double baseline = top - l.StartBaseLine.Y, start = l.StartBaseLine.X - left, end = l.EndBaseLine.X - left;
        var loose = Bounds(l.GlyphRectangleLoose, left, top);
        double size = l.PointSize;
        // Chromium embeds CJK fonts as Type 3, whose glyph boxes PdfPig cannot size; any box far from the point size is
        // not the glyph's either. Such a glyph gets the box a CJK font would give it, from its baseline and size.
        bool sized = size > 0 && !IsType3(l) && loose.Height >= 0.5 * size && loose.Height <= 3 * size;
        var box = sized || size <= 0
            ? loose
            : new PdfBox(Math.Min(start, end), baseline - Ascent * size, Math.Max(end, start + (end > start ? 0 : size / 2)), baseline + Descent * size);
        var clipped = new PdfBox(Math.Max(0, box.X0), Math.Max(0, box.Y0), Math.Min(width, box.X1), Math.Min(height, box.Y1));
        if (clipped.X1 <= clipped.X0 || clipped.Y1 <= clipped.Y0) return null;
        return new PdfGlyph(Ideographs(l.Value), clipped, baseline, start, end, Math.Max(box.Height, 0.1), l.TextOrientation == TextOrientation.Horizontal);
    }

    /// <summary>
    /// Radicals and compatibility ideographs as the unified ideographs they stand for: Chromium's ToUnicode maps some
    /// Noto CJK glyphs to radicals (⼀ U+2F00 for 一, ⻓ U+2ED3 for 长), which look the same but match no label; poppler
    /// folds them too. Kangxi radicals and compatibility ideographs fold by NFKC, the supplement's radicals by
    /// <see cref="RadicalSupplement"/> (Unicode's EquivalentUnifiedIdeograph pairs). Latin ligatures (ﬁ) are split as
    /// poppler does. Other characters are kept as drawn: NFKC would also fold full-width （）and digits.
    /// </summary>
    public static string Ideographs(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u2E80', '\u2FDF') && !text.AsSpan().ContainsAnyInRange('\uF900', '\uFAFF') &&
            !text.AsSpan().ContainsAnyInRange('\uFB00', '\uFB06'))
            return text;
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is >= '\u2E80' and <= '\u2EFF' && Supplement.Value.TryGetValue(ch, out var unified)) sb.Append(unified);
            else if (Folds(ch)) sb.Append(ch.ToString().Normalize(System.Text.NormalizationForm.FormKC));
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    private static bool Folds(char ch) => ch is >= '\u2E80' and <= '\u2FDF' or >= '\uF900' and <= '\uFAFF' or >= '\uFB00' and <= '\uFB06';

    /// <summary>CJK Radicals Supplement characters (U+2E80–2EFF), each followed by its unified ideograph.</summary>
    public const string RadicalSupplement =
        "⺁厂⺂乛⺃乚⺅亻⺇几⺉刂⺊卜⺋㔾⺌小⺎兀⺏尣⺐尢⺒巳⺓幺⺔彐⺖忄⺗心⺘扌⺙攵⺛旡⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺫罒⺬示⺭礻⺮竹⺲罒⺹耂⺾艹" +
        "⻁虎⻂衤⻄西⻅见⻆角⻈讠⻉贝⻊足⻋车⻐钅⻓长⻔门⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻟饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻲亀⻳龟";

    private static readonly Lazy<Dictionary<char, char>> Supplement = new(() =>
        Enumerable.Range(0, RadicalSupplement.Length / 2).ToDictionary(i => RadicalSupplement[2 * i], i => RadicalSupplement[2 * i + 1]));

    private static bool IsType3(Letter l) => l.GetFont()?.GetType().Name.Contains("Type3", StringComparison.Ordinal) == true;

    private static PdfBox Bounds(PdfRectangle r, double left, double top)
    {
        // Without arrays and LINQ (once per letter); Min and Max keep Enumerable's rules: Min is NaN when any corner
        // is, Max ignores NaN unless every corner is NaN, and of equal values (0 and -0) the first is kept.
        double x0 = Min(r.TopLeft.X, r.TopRight.X, r.BottomLeft.X, r.BottomRight.X), x1 = Max(r.TopLeft.X, r.TopRight.X, r.BottomLeft.X, r.BottomRight.X);
        double y0 = Min(r.TopLeft.Y, r.TopRight.Y, r.BottomLeft.Y, r.BottomRight.Y), y1 = Max(r.TopLeft.Y, r.TopRight.Y, r.BottomLeft.Y, r.BottomRight.Y);
        return new PdfBox(x0 - left, top - y1, x1 - left, top - y0);
    }

    private static double Min(double a, double b, double c, double d)
    {
        if (double.IsNaN(a) || double.IsNaN(b) || double.IsNaN(c) || double.IsNaN(d)) return double.NaN;
        double m = a;
        if (b < m) m = b;
        if (c < m) m = c;
        if (d < m) m = d;
        return m;
    }

    private static double Max(double a, double b, double c, double d)
    {
        double m = a;
        if (b > m || double.IsNaN(m)) m = b;
        if (c > m || double.IsNaN(m)) m = c;
        if (d > m || double.IsNaN(m)) m = d;
        return m;
    }

    private static PdfShape? Shape(PdfPath path, double left, double top)
    {
        bool fill = path.IsFilled && Visible(path.FillColor), stroke = path.IsStroked && Visible(path.StrokeColor);
        if (!fill && !stroke) return null;
        var subpaths = new List<(IReadOnlyList<(double X, double Y)>, bool)>();
        foreach (var sub in path)
        {
            var points = new List<(double X, double Y)>();
            bool curved = false, closed = false;
            foreach (var command in sub.Commands)
                switch (command)
                {
                    case PdfSubpath.Move m: points.Add(P(m.Location)); break;
                    case PdfSubpath.Line line:
                        if (points.Count == 0) points.Add(P(line.From));
                        points.Add(P(line.To));
                        break;
                    case PdfSubpath.Close: closed = true; break;
                    default: curved = true; break;
                }
            if (!curved && points.Count >= 2) subpaths.Add((points, closed));
        }
        return subpaths.Count == 0 ? null : new PdfShape(subpaths, fill, stroke);

        (double X, double Y) P(PdfPoint p) => (p.X - left, top - p.Y);
    }

    /// <summary>Painted in a colour that shows on white paper; a pattern or unknown colour counts as visible, black being the default.</summary>
    private static bool Visible(IColor? colour)
    {
        if (colour is null) return true;
        try
        {
            var (r, g, b) = colour.ToRGBValues();
            return !(r > 0.95 && g > 0.95 && b > 0.95);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return true;
        }
    }

    public void Dispose() => _document.Dispose();
}
