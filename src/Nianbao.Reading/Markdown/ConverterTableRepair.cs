using System.Text.RegularExpressions;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace Nianbao.Reading.Markdown;

/// <summary>
/// Repairs pipe tables as PDF-to-Markdown converters leave them, on the tree Markdig parsed:
/// a delimiter row in the middle of a table (the header separator of a piece that followed a page
/// break) is no row; and a row keeps only the cells its source line has. Markdig pads a short row
/// with empty cells up to the table's width, which reads as blank values (0) where the source has
/// no cell at all: a row of numbers whose label the converter printed elsewhere, or a header row
/// narrower than the numbers under it.
/// </summary>
internal static partial class ConverterTableRepair
{
    [GeneratedRegex(@"^\s*:?-{1,}:?\s*$")]
    private static partial Regex DelimiterCell();

    public static void Apply(MarkdownDocument doc, string source)
    {
        var lines = source.Split('\n');
        foreach (var table in doc.Descendants<Table>().ToList())
        {
            foreach (var row in table.OfType<TableRow>().ToList())
            {
                var line = RowText(lines, row);
                if (line is null) continue;
                if (IsDelimiterRow(line))
                {
                    table.Remove(row);
                    continue;
                }
                int own = PageFooterLines.Width(line);
                while (own > 0 && row.Count > own) row.RemoveAt(row.Count - 1);
            }
            JoinDetachedLabels(table);
        }
    }

    [GeneratedRegex(@"^[+-]?\d[\d,]*(\.\d+)?$")]
    private static partial Regex Number();

    /// <summary>
    /// A row with label text and no number, followed by a row of the same width whose cells are empty
    /// exactly where the label row has text and hold the numbers where the label row is empty, is one row
    /// the converter printed in two (the label cell was taller than the numbers).
    /// </summary>
    private static void JoinDetachedLabels(Table table)
    {
        var rows = table.OfType<TableRow>().ToList();
        for (int i = 0; i + 1 < rows.Count; i++)
        {
            var (label, numbers) = (Texts(rows[i]), Texts(rows[i + 1]));
            if (label.Count != numbers.Count || label.Count < 2) continue;
            int p = numbers.FindIndex(c => c.Length > 0);
            if (p <= 0 || !numbers.Skip(p).Any(c => Number().IsMatch(c)) || numbers.Skip(p).Any(c => c.Length > 0 && !Number().IsMatch(c))) continue;
            if (label.Skip(p).Any(c => c.Length > 0) || !label.Take(p).Any(c => c.Length > 0) || label.Any(c => Number().IsMatch(c))) continue;
            var moved = rows[i + 1].Skip(p).ToList();
            while (rows[i].Count > p) rows[i].RemoveAt(rows[i].Count - 1);
            foreach (var cell in moved)
            {
                rows[i + 1].Remove(cell);
                rows[i].Add(cell);
            }
            table.Remove(rows[i + 1]);
            rows.RemoveAt(i + 1);
        }
    }

    /// <summary>The plain text of each cell of a row (what its inline content says, trimmed).</summary>
    private static List<string> Texts(TableRow row) =>
        row.OfType<TableCell>().Select(c => string.Concat(c.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString())).Trim()).ToList();

    /// <summary>The row's source line, trimmed, when it is a pipe-bounded row; null otherwise (left as parsed).</summary>
    private static string? RowText(string[] lines, TableRow row)
    {
        if (row.Line < 0 || row.Line >= lines.Length) return null;
        var text = lines[row.Line].Trim();
        return PageFooterLines.IsTableLine(text) ? text : null;
    }

    private static bool IsDelimiterRow(string line)
    {
        var cells = line[1..^1].Split('|');
        return cells.All(c => DelimiterCell().IsMatch(c)) && cells.Any(c => c.Contains("---", StringComparison.Ordinal));
    }
}
