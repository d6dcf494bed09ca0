using System.Text;

namespace Nianbao.Reading.Pdf;

/// <summary>
/// A page's words as aligned plain text, in the shape of poppler's <c>pdftotext -layout</c>: one text line per
/// line of words, a word that stands apart in its own column placed at the character column proportional to its x,
/// so the columns of a borderless table line up and a row stays on one line. Prose is set as it reads: CJK set close
/// together without spaces, other words one space apart.
/// </summary>
public static class ColumnsText
{
    /// <summary>A vertical gap above a line of more than this many line heights is a paragraph break (one empty line).</summary>
    public const double ParagraphGap = 0.8;

    public static string Page(PdfPage page) => Text(page.Words);

    public static string Text(IReadOnlyList<PdfWord> words)
    {
        if (words.Count == 0) return "";
        var lines = WordLines.Instance.Lines(words);
        // One character column: the median advance of a character over the page (full-width for CJK text).
        var advances = words.SelectMany(w => Enumerable.Repeat(w.Box.Width / w.Text.Length, w.Text.Length)).Order().ToList();
        double unit = Math.Max(0.1, advances[advances.Count / 2]);
        double left = words.Min(w => w.Box.X0);
        var sb = new StringBuilder();
        PdfTextLine? above = null;
        foreach (var line in lines)
        {
            if (above is not null && line.Box.Y0 - above.Box.Y1 > ParagraphGap * Math.Min(line.Box.Height, above.Box.Height)) sb.Append('\n');
            var text = new StringBuilder();
            PdfWord? previous = null;
            foreach (var w in line.Words)
            {
                int column = (int)Math.Round((w.Box.X0 - left) / unit);
                if (previous is null) text.Append(' ', Math.Max(0, column));
                else
                {
                    double gap = w.Box.X0 - previous.Box.X1, height = Math.Min(w.Box.Height, previous.Box.Height);
                    if (gap >= TableStrategyDecision.ColumnGapHeights * height)
                        text.Append(' ', Math.Max(2, column - text.Length));
                    else if (!(PdfText.IsCjk(previous.Text[^1]) && PdfText.IsCjk(w.Text[0]) && gap < height / 2))
                        text.Append(' ');
                }
                text.Append(w.Text);
                previous = w;
            }
            sb.Append(text).Append('\n');
            above = line;
        }
        return sb.ToString();
    }
}
