namespace Nianbao.Reading.Pdf;

/// <summary>
/// One drawn character as the PDF places it, in page points from the top left: its box (the font's ascent to
/// descent over its advance), its baseline and its advance along the baseline.
/// </summary>
/// <param name="Size">The character's height in points (the box's height), used as the unit of gaps.</param>
/// <param name="Horizontal">Set upright on a horizontal baseline; rotated characters stay words of their own.</param>
public sealed record PdfGlyph(string Text, PdfBox Box, double Baseline, double StartX, double EndX, double Size, bool Horizontal = true);

/// <summary>
/// Words from characters, as poppler's text output builds them: characters on one baseline, left to right, run
/// into one word until a space character or a visible gap. Built here rather than by PdfPig's word extractors: the
/// default one breaks a word where the font changes and inside narrow cells with letter spacing, the nearest-neighbour
/// one emits words of white space only.
/// </summary>
public static class LetterWords
{
    /// <summary>
    /// A gap wider than this many character heights between two characters' advances breaks the word (poppler's
    /// minimum word break is 0.1 of the font size; a space is 0.25–0.33). CJK set with letter spacing breaks into
    /// more words, which <see cref="PdfText.JoinLine"/> joins again without a space.
    /// </summary>
    public const double WordGap = 0.15;

    /// <summary>Characters whose baselines differ by less than this many heights share a line.</summary>
    public const double BaselineTolerance = 0.3;

    /// <summary>
    /// The same character drawn again within this many heights of itself is one character: fake bold overprints the
    /// glyph slightly offset, and poppler keeps one.
    /// </summary>
    public const double Overprint = 0.2;

    public static IReadOnlyList<PdfWord> Words(IEnumerable<PdfGlyph> glyphs)
    {
        var words = new List<PdfWord>();
        var upright = new List<PdfGlyph>();
        foreach (var g in glyphs)
        {
            if (!g.Horizontal)
            {
                if (!string.IsNullOrWhiteSpace(g.Text)) words.Add(new PdfWord(g.Text, g.Box));
            }
            else upright.Add(g);
        }
        foreach (var line in Lines(upright))
        {
            var sorted = line.OrderBy(g => g.StartX).ToList();
            var text = new System.Text.StringBuilder();
            PdfBox box = default;
            PdfGlyph? previous = null;
            foreach (var g in sorted)
            {
                bool space = string.IsNullOrWhiteSpace(g.Text);
                if (previous is not null && !space && g.Text == previous.Text &&
                    Math.Abs(g.StartX - previous.StartX) < Overprint * g.Size && Math.Abs(g.Baseline - previous.Baseline) < Overprint * g.Size)
                    continue;
                bool breaks = space || previous is null ||
                    g.StartX - previous.EndX > WordGap * Math.Max(g.Size, previous.Size);
                if (breaks) Flush();
                if (space) { previous = null; continue; }
                box = text.Length == 0 ? g.Box : box.Union(g.Box);
                text.Append(g.Text);
                previous = g;
            }
            Flush();

            void Flush()
            {
                if (text.Length > 0) words.Add(new PdfWord(text.ToString(), box));
                text.Clear();
            }
        }
        return words;
    }

    /// <summary>Characters grouped by baseline, top to bottom.</summary>
    private static IEnumerable<List<PdfGlyph>> Lines(List<PdfGlyph> glyphs)
    {
        List<PdfGlyph>? current = null;
        double at = 0, size = 0;
        foreach (var g in glyphs.OrderBy(g => g.Baseline))
        {
            if (current is null || g.Baseline - at > BaselineTolerance * Math.Min(size, g.Size))
            {
                if (current is not null) yield return current;
                current = [];
                (at, size) = (g.Baseline, g.Size);
            }
            current.Add(g);
        }
        if (current is not null) yield return current;
    }
}
