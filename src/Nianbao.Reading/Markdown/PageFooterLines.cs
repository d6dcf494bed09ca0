using System.Text.RegularExpressions;

namespace Nianbao.Reading.Markdown;

/// <summary>
/// Page chrome that PDF-to-Markdown converters leave between the pieces of a table cut by a page break
/// (<c>- 5 -</c>, <c>第5页</c>, <c>5/12</c>, a bare page number). Removed before Markdig parses the text,
/// because a line such as <c>- 5 -</c> would otherwise open a list that swallows the next table piece;
/// then pieces with the same number of columns separated only by blank lines are joined into one table.
/// Only lines next to a table row are touched: the same line in running text is left alone.
/// </summary>
internal static partial class PageFooterLines
{
    // Decorated page numbers: "- 5 -", "— 5 —", "第 5 页", "第5页 共12页", "5/12", "Page 5".
    [GeneratedRegex(@"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$")]
    private static partial Regex Decorated();

    // A bare number is a page number only between two pieces of a table; next to text it may be a cell.
    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex Bare();

    public static string Clean(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var keep = new bool[lines.Length];
        Array.Fill(keep, true);
        for (int i = 0; i < lines.Length; i++)
        {
            var t = lines[i].Trim();
            if (t.Length == 0 || IsTableLine(t)) continue;
            bool before = Neighbour(lines, keep, i, -1) is { } b && IsTableLine(lines[b].Trim());
            bool after = Neighbour(lines, keep, i, +1) is { } a && IsTableLine(lines[a].Trim());
            if ((Decorated().IsMatch(t) && (before || after)) || (Bare().IsMatch(t) && before && after)) keep[i] = false;
        }

        // Table pieces with the same width separated only by blank lines (what is left of a page break) are one table.
        for (int i = 0; i < lines.Length; i++)
        {
            if (!keep[i] || lines[i].Trim().Length > 0) continue;
            int p = Neighbour(lines, keep, i, -1) ?? -1, n = Neighbour(lines, keep, i, +1) ?? -1;
            if (p < 0 || n < 0) continue;
            string prev = lines[p].Trim(), next = lines[n].Trim();
            if (IsTableLine(prev) && IsTableLine(next) && Width(prev) == Width(next)) keep[i] = false;
        }
        return string.Join('\n', lines.Where((_, i) => keep[i]));
    }

    private static int? Neighbour(string[] lines, bool[] keep, int i, int step)
    {
        for (int j = i + step; j >= 0 && j < lines.Length; j += step)
            if (keep[j] && lines[j].Trim().Length > 0) return j;
        return null;
    }

    /// <summary>A pipe-table row or delimiter row as converters write them: bounded by pipes.</summary>
    internal static bool IsTableLine(string trimmed) => trimmed.Length >= 2 && trimmed[0] == '|' && trimmed[^1] == '|';

    /// <summary>Cells of a pipe-bounded row (escaped pipes are not delimiters).</summary>
    internal static int Width(string trimmed)
    {
        int pipes = 0;
        for (int i = 0; i < trimmed.Length; i++)
            if (trimmed[i] == '|' && (i == 0 || trimmed[i - 1] != '\\')) pipes++;
        return pipes - 1;
    }
}
