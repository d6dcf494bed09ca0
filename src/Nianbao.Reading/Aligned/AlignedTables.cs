using System.Text.RegularExpressions;
using Nianbao.Template;

namespace Nianbao.Reading.Aligned;

/// <summary>
/// Tables of aligned text (<c>pdftotext -layout</c>, tables without ruling lines) read as Tabula's stream
/// mode does: the columns are the x-ranges of the header words (<see cref="HeaderColumns"/>); each number
/// goes to the column its centre falls in, or to the clearly nearest one; a column with nothing under it is
/// an empty cell. The source states blank cells only by leaving them out, so this is the one place that
/// can tell them from missing numbers. A row whose numbers cannot be placed with certainty keeps its
/// numbers without blanks, and recognition reports the row as it does for any short row.
/// </summary>
public static partial class AlignedTables
{
    /// <summary>Lines of a body without numbers before it is taken as ended.</summary>
    private const int MaxLabelLines = 8;

    /// <summary>Longer runs are running text, not a wrapped row label.</summary>
    private const int MaxLabelRun = 24;

    private static readonly string[] GroupLabels = TemplateCatalog.Default.Editions
        .SelectMany(e => e.Tables).SelectMany(t => t.Rows).SelectMany(r => r.Groups)
        .Select(HeaderColumns.Squeeze).Where(g => g.Length > 0).Distinct().ToArray();

    private static readonly HashSet<string> BlankMarkers = TemplateCatalog.Default.Text.BlankMarkers.ToHashSet();

    [GeneratedRegex(@"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")]
    private static partial Regex Number();

    /// <summary>Aligned tables by the index of their first body line: the table and the index after its last line.</summary>
    public static Dictionary<int, (LayoutTable Table, int Next)> Find(string[] lines)
    {
        var found = new Dictionary<int, (LayoutTable, int)>();
        // Cheap guard: aligned text has runs of spaces between cells.
        if (!lines.Any(l => l.Contains("   ", StringComparison.Ordinal))) return found;
        var runs = lines.Select(TextRun.Of).ToList();
        var starts = new WordStarts(runs);
        var taken = new List<(int From, int To)>();
        foreach (var set in HeaderColumns.Sets)
        {
            int from = 0;
            while (from < lines.Length && HeaderColumns.Find(runs, starts, set, from, lines.Length) is { } header)
            {
                var body = Body(lines, runs, header.LastLine + 1, header.Columns.Count);
                from = header.LastLine + 1;
                if (body is not { } b) continue;
                from = b.To;
                if (taken.Any(t => t.From < b.To && b.From < t.To)) continue;
                taken.Add(b);
                found[b.From] = (Emit(lines, runs, header.Columns, b.From, b.To), b.To);
            }
        }
        return found;
    }

    /// <summary>A line's row label runs and its numbers (trailing runs, two or more spaces apart).</summary>
    private static (List<TextRun> Label, List<TextRun> Values) Split(List<TextRun> runs)
    {
        int first = runs.Count;
        while (first > 0 && IsValue(runs[first - 1].Text) && (first == runs.Count || runs[first].Start - runs[first - 1].End > 2)) first--;
        return (runs.Take(first).ToList(), runs.Skip(first).ToList());
    }

    private static bool IsValue(string text) => Number().IsMatch(text) || BlankMarkers.Contains(text);

    /// <summary>The body after a header block: up to the last line with numbers before running text or the next table's header.</summary>
    private static (int From, int To)? Body(string[] lines, List<List<TextRun>> runs, int start, int columns)
    {
        int lastValue = -1, labelLines = 0;
        int? minValueX = null;
        for (int n = start; n < lines.Length; n++)
        {
            if (lines[n].StartsWith('\f')) minValueX = null; // a new page may place the table elsewhere
            if (runs[n].Count == 0) continue;
            var (label, values) = Split(runs[n]);
            if (values.Count > columns) break;
            if (values.Count > 0)
            {
                lastValue = n;
                labelLines = 0;
                // A number pressed against its label (pdftotext squeezes an overflowing row) does not mark the column zone.
                if (label.Count == 0 || values[0].Start - label[^1].End > 2)
                    minValueX = Math.Min(minValueX ?? int.MaxValue, values[0].Start);
                continue;
            }
            if (label.Any(r => r.Text.Length > MaxLabelRun)) break;
            if (minValueX is { } x && label[^1].End >= x - 1) break;
            if (++labelLines > MaxLabelLines) break;
        }
        return lastValue < 0 ? null : (start, lastValue + 1);
    }

    private static LayoutTable Emit(string[] lines, List<List<TextRun>> runs, List<HeaderColumn> columns, int from, int to)
    {
        var rows = new List<(int Line, int Order, LayoutRow Row)>();
        var placement = Placement.ForPages(lines, runs, columns, from, to, Split);
        (string Text, TextRun First)? group = null;
        for (int n = from; n < to; n++)
        {
            if (runs[n].Count == 0) continue;
            var (label, values) = Split(runs[n]);
            // Group labels printed beside the row labels (三、本 / 年度办 / 理结果) are gathered into one cell
            // at their first line, so they do not break the row label they sit beside.
            int taken = 0;
            while (taken < label.Count)
            {
                var piece = label[taken].Text;
                if (group is { } g && IsGroupPart(g.Text + piece)) group = (g.Text + piece, g.First);
                else if (GroupLabels.Any(l => l.StartsWith(piece, StringComparison.Ordinal)))
                {
                    CloseGroup();
                    group = (piece, label[taken]);
                }
                else break;
                taken++;
                if (GroupLabels.Contains(group.Value.Text)) CloseGroup();
            }
            var cells = new List<LayoutCell>();
            if (taken < label.Count)
            {
                var rest = label.Skip(taken).ToList();
                cells.Add(new LayoutCell(string.Join(" ", rest.Select(r => r.Text)), n + 1, rest[0].Index + 1));
            }
            cells.AddRange(placement.Cells(n, values));
            if (cells.Count > 0) rows.Add((n, 1, new LayoutRow(cells, n + 1)));
        }
        CloseGroup();
        var ordered = rows.OrderBy(r => r.Line).ThenBy(r => r.Order).Select(r => r.Row).ToList();
        return new LayoutTable(ordered, from + 1);

        void CloseGroup()
        {
            if (group is not { } g) return;
            rows.Add((g.First.Line, 0, new LayoutRow([new LayoutCell(g.Text, g.First.Line + 1, g.First.Index + 1, new CellLocation(ReadStrategy.TextAligned) { Header = g.Text })], g.First.Line + 1)));
            group = null;
        }
    }

    private static bool IsGroupPart(string text) => GroupLabels.Any(l => l.Contains(text, StringComparison.Ordinal));
}
