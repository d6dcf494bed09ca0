namespace Nianbao.Reading.Aligned;

/// <summary>
/// A maximal run of non-space chars on one line of aligned (<c>pdftotext -layout</c>) text.
/// X positions are char indexes: pdftotext places every char, CJK or ASCII, in one column of its grid.
/// </summary>
/// <param name="Start">X of the first char (a leading form feed does not count).</param>
/// <param name="Index">Index of the first char in the line string (for provenance).</param>
internal sealed record TextRun(string Text, int Line, int Start, int Index)
{
    /// <summary>X of the last char (inclusive).</summary>
    public int End => Start + Text.Length - 1;

    public double Centre => (Start + End) / 2.0;

    /// <summary>Splits a line into runs; <paramref name="line"/> is 0-based.</summary>
    public static List<TextRun> Of(string text, int line)
    {
        var runs = new List<TextRun>();
        int shift = text.StartsWith('\f') ? 1 : 0;
        int i = shift;
        while (i < text.Length)
        {
            while (i < text.Length && IsSpace(text[i])) i++;
            int start = i;
            while (i < text.Length && !IsSpace(text[i])) i++;
            if (i > start) runs.Add(new TextRun(text[start..i], line, start - shift, start));
        }
        return runs;
    }

    private static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\f' || c == '\u3000' || c == '\u00A0';
}
