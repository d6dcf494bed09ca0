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
        }
    }

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
