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
            var shift = p.PageShift(page.Select(r => r.Values).ToList());
            foreach (var (line, _) in page) p._shiftOfLine[line] = shift;
            pageStart = n;
        }
        return p;
    }

    private int? PageShift(List<List<TextRun>> rows)
    {
        int bestScore = -1, best = 0;
        var mappings = new HashSet<string>();
        // Nearest shifts first, so that among equally good shifts the smallest is kept (the header's own page: 0).
        foreach (int d in Enumerable.Range(0, MaxShift + 1).SelectMany(a => a == 0 ? new[] { 0 } : [a, -a]))
        {
            int score = 0;
            var keys = new List<string>();
            bool ok = true;
            foreach (var values in rows)
            {
                var placed = Place(values, d);
                if (placed is null) { ok = false; break; }
                keys.Add(string.Join(',', placed));
                score += values.Count(v => _columns.Any(c => c.Distance(v.Centre - d) <= Tolerance));
            }
            if (!ok || score < bestScore) continue;
            if (score > bestScore) { bestScore = score; mappings.Clear(); best = d; }
            mappings.Add(string.Join(';', keys));
        }
        return bestScore > 0 && mappings.Count == 1 ? best : null;
    }

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
            if (d0 > Tolerance && d1 - d0 < 1) return null; // between two columns, neither clearly nearer
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
            foreach (var v in values) yield return new LayoutCell(v.Text, line + 1, v.Index + 1, "aligned, column not certain");
            yield break;
        }
        int k = 0;
        int s = shift ?? 0;
        int indexShift = values[0].Index - values[0].Start; // a leading form feed
        for (int j = 0; j < _columns.Count; j++)
        {
            var c = _columns[j];
            string where = $"aligned col {j + 1}/{_columns.Count} '{c.Word}' x{c.Start + s}-{c.End + s}" + (s != 0 ? $" (page shift {s:+0;-0})" : "");
            if (k < placed.Length && placed[k] == j)
            {
                yield return new LayoutCell(values[k].Text, line + 1, values[k].Index + 1, where);
                k++;
            }
            else yield return new LayoutCell("", line + 1, c.Start + s + indexShift + 1, where + " blank");
        }
    }
}
