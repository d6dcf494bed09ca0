using Nianbao.Template;
namespace Nianbao.Reading.Aligned;

/// <summary>
/// Puts the numbers of an aligned table's rows into its header columns. A page after the header's may
/// print the table shifted sideways (pdftotext places each page on its own): per page the shift is the one
/// under which most numbers fall inside a column, and it is used only when every such shift places the
/// page's numbers the same way. Within a row, a number outside every column goes to the clearly nearest
/// one; a row placed twice in one column, out of order, or between two columns equally near is not placed.
/// </summary>
internal sealed class Placement
{
    private readonly List<HeaderColumn> _columns;
    private readonly Dictionary<int, int?> _shiftOfLine = [];

    private Placement(List<HeaderColumn> columns) => _columns = columns;

    public static Placement ForPages(string[] lines, List<List<TextRun>> runs, List<HeaderColumn> columns, int from, int to,
        Func<List<TextRun>, (List<TextRun> Label, List<TextRun> Values)> split)
    {
        var p = new Placement(columns);
        int pageStart = from;
        for (int n = from; n <= to; n++)
        {
            if (n < to && (n == from || !lines[n].StartsWith('\f'))) continue;
            var page = Enumerable.Range(pageStart, n - pageStart)
                .Select(l => (Line: l, Values: split(runs[l]).Values)).Where(r => r.Values.Count > 0).ToList();
            // The header's own page needs no shift: its words are right above the numbers.
            bool headerPage = pageStart == from && !lines[from].StartsWith('\f');
            var shift = headerPage ? 0 : p.PageShift(page.Select(r => r.Values).ToList());
            foreach (var (line, _) in page) p._shiftOfLine[line] = shift;
            pageStart = n;
        }
        return p;
    }

    /// <summary>
    /// The page's sideways shift: most numbers inside a column, then the closest fit to the columns' centres.
    /// Null when equally good shifts place the page's numbers differently.
    /// </summary>
    private int? PageShift(List<List<TextRun>> rows)
    {
        var scored = new List<(int Shift, int Score, double Misfit, string Mapping)>();
        for (int d = -MaxShift; d <= MaxShift; d++)
        {
            int score = 0;
            double misfit = 0;
            var keys = new List<string>();
            foreach (var values in rows)
            {
                var placed = Place(values, d);
                keys.Add(placed is null ? "?" : string.Join(',', placed));
                if (placed is null) continue;
                for (int i = 0; i < values.Count; i++)
                {
                    var c = _columns[placed[i]];
                    if (c.Distance(values[i].Centre - d) <= Tolerance) score++;
                    misfit += Math.Abs(values[i].Centre - d - (c.Start + c.End) / 2.0);
                }
            }
            scored.Add((d, score, misfit, string.Join(';', keys)));
        }
        int top = scored.Max(s => s.Score);
        var best = scored.Where(s => s.Score == top).ToList();
        if (top == 0 || best.Select(s => s.Mapping).Distinct().Count() != 1) return null;
        return best.MinBy(s => s.Misfit).Shift;
    }

    /// <summary>How far (in columns of the text) a page may move the table sideways.</summary>
    private const int MaxShift = 40;

    /// <summary>Header words are often a char narrower or wider than the numbers under them.</summary>
    private const double Tolerance = 1;

    /// <summary>Column index of each value, or null when any value is not placed with certainty.</summary>
    private int[]? Place(List<TextRun> values, int shift)
    {
        // A full row needs no geometry: its numbers are its columns in order.
        if (values.Count == _columns.Count) return Enumerable.Range(0, values.Count).ToArray();
        var result = new int[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            double x = values[i].Centre - shift;
            var order = Enumerable.Range(0, _columns.Count).OrderBy(j => _columns[j].Distance(x)).ToList();
            double d0 = _columns[order[0]].Distance(x), d1 = _columns[order[1]].Distance(x);
            if (d0 > 0 && d1 - d0 < 1) return null; // outside every column and neither neighbour clearly nearer
            result[i] = order[0];
            if (i > 0 && result[i] <= result[i - 1]) return null;
        }
        return result;
    }

    /// <summary>The value cells of body line <paramref name="line"/> (0-based): one per column, empty where the row is blank.</summary>
    public IEnumerable<LayoutCell> Cells(int line, List<TextRun> values)
    {
        if (values.Count == 0) yield break;
        int? shift = _shiftOfLine.GetValueOrDefault(line);
        var placed = values.Count == _columns.Count ? Place(values, 0) : shift is { } d ? Place(values, d) : null;
        if (placed is null)
        {
            foreach (var v in values) yield return new LayoutCell(v.Text, line + 1, v.Index + 1, new CellLocation(ReadStrategy.TextAligned) { Uncertain = true });
            yield break;
        }
        int k = 0;
        int s = shift ?? 0;
        int indexShift = values[0].Index - values[0].Start; // a leading form feed
        for (int j = 0; j < _columns.Count; j++)
        {
            var c = _columns[j];
            var where = new CellLocation(ReadStrategy.TextAligned)
            {
                Column = j + 1, Columns = _columns.Count, Header = c.Word, From = c.Start + s + 1, To = c.End + s + 1, Shift = s == 0 ? null : s,
            };
            if (k < placed.Length && placed[k] == j)
            {
                yield return new LayoutCell(values[k].Text, line + 1, values[k].Index + 1, where);
                k++;
            }
            else yield return new LayoutCell("", line + 1, c.Start + s + indexShift + 1, where with { Blank = true });
        }
    }
}
