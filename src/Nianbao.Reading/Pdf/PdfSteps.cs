namespace Nianbao.Reading.Pdf;

/// <summary>Layout step 1: words → text lines (reading order: top to bottom, left to right).</summary>
public interface IPdfLineStep
{
    IReadOnlyList<PdfTextLine> Lines(IEnumerable<PdfWord> words);
}

/// <summary>Layout step 2, the "ruled grid" strategy: ruling lines + words → tables, and the words outside them.</summary>
public interface IPdfTableStep
{
    string Name { get; }
    PdfTables Find(IReadOnlyList<PdfRule> rules, IReadOnlyList<PdfWord> words);
}

/// <summary>
/// Layout step 3, blocks: pages (words, rules) → the document's lines and tables in reading order, or null when the
/// ruled-grid strategy finds no table anywhere and the whole PDF is read as aligned columns.
/// </summary>
public interface IPdfBlockStep
{
    /// <param name="columnsText">A page's aligned text (1-based; <see cref="ColumnsText"/>, the shape of poppler's <c>-layout</c>), for pages decided as aligned columns.</param>
    LayoutDocument? Read(IReadOnlyList<PdfPage> pages, Func<int, string> columnsText);
}

/// <summary>How one page is read.</summary>
public enum PdfPageStrategy
{
    /// <summary>Tables rebuilt from ruling lines, the other words as lines.</summary>
    RuledGrid,
    /// <summary>No table at all: the words as lines.</summary>
    Prose,
    /// <summary>Words in aligned columns without ruling lines (a borderless table): poppler's <c>-layout</c> text.</summary>
    AlignedColumns,
}

/// <summary>The "decide" step: which strategy reads a page, from what the ruled-grid and line steps found.</summary>
public interface IPdfStrategyDecision
{
    PdfPageStrategy Decide(PdfTables tables, IReadOnlyList<PdfTextLine> lines);
}

/// <summary>How words are joined: CJK text has no spaces, so a wrapped CJK label or a column set one character per line joins to one string.</summary>
public static class PdfText
{
    public static bool IsCjk(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF' or >= '\uFE30' and <= '\uFE4F';

    /// <summary>Words of one line: no space between CJK characters set close together, one space otherwise.</summary>
    public static string JoinLine(IReadOnlyList<PdfWord> words)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < words.Count; i++)
        {
            if (i > 0)
            {
                var (a, b) = (words[i - 1], words[i]);
                double gap = b.Box.X0 - a.Box.X1, height = Math.Min(a.Box.Height, b.Box.Height);
                bool tight = IsCjk(a.Text[^1]) && IsCjk(b.Text[0]) && gap < height / 2;
                if (!tight) sb.Append(' ');
            }
            sb.Append(words[i].Text);
        }
        return sb.ToString();
    }

    /// <summary>Lines of one cell: a line break inside CJK text is no space; between Latin words it is one.</summary>
    public static string JoinLines(IEnumerable<string> lines)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (line.Length == 0) continue;
            if (sb.Length > 0 && !IsCjk(sb[^1]) && !IsCjk(line[0])) sb.Append(' ');
            sb.Append(line);
        }
        return sb.ToString();
    }
}

/// <summary>Groups words into lines by vertical overlap, each line's words left to right.</summary>
public sealed class WordLines : IPdfLineStep
{
    public static readonly WordLines Instance = new();

    /// <summary>
    /// Two words share a line when they overlap vertically by at least this fraction of the shorter one. Poppler's
    /// word boxes span the font's ascent and descent, so consecutive lines overlap a little (Chromium's Noto CJK:
    /// 27.3 pt boxes at 22.5 pt line spacing, an 18 % overlap); words of one line overlap fully.
    /// </summary>
    public const double MinOverlap = 0.5;

    public IReadOnlyList<PdfTextLine> Lines(IEnumerable<PdfWord> words)
    {
        var lines = new List<(PdfBox Band, List<PdfWord> Words)>();
        foreach (var w in words.OrderBy(w => w.Box.CentreY).ThenBy(w => w.Box.X0))
        {
            int found = -1;
            // Only recent lines can match: words are visited top to bottom.
            for (int i = lines.Count - 1; i >= 0 && i >= lines.Count - 4; i--)
            {
                var band = lines[i].Band;
                double overlap = Math.Min(band.Y1, w.Box.Y1) - Math.Max(band.Y0, w.Box.Y0);
                if (overlap >= MinOverlap * Math.Min(band.Height, w.Box.Height)) { found = i; break; }
            }
            if (found < 0) lines.Add((w.Box, [w]));
            else lines[found].Words.Add(w);
        }
        return lines.Select(l =>
        {
            var sorted = l.Words.OrderBy(w => w.Box.X0).ToList();
            var box = sorted.Skip(1).Aggregate(sorted[0].Box, (b, w) => b.Union(w.Box));
            return new PdfTextLine(PdfText.JoinLine(sorted), box, sorted);
        }).OrderBy(l => l.Box.Y0).ToList();
    }
}

/// <summary>
/// The "ruled grid" strategy (lattice, as Tabula's SpreadsheetExtractionAlgorithm): ruling segments are snapped and
/// joined, connected segments form a table, every ruling position a row or column line; between two neighbouring
/// elementary cells a missing segment means one merged cell. Words go to the cell holding their centre.
/// </summary>
public sealed class RuledGrid : IPdfTableStep
{
    public static readonly RuledGrid Instance = new();

    public const string StrategyName = "pdf-lattice";

    public string Name => StrategyName;

    /// <summary>
    /// Ruling positions closer than this (points) are one line. Chromium draws a collapsed 1px border as 0.75 pt
    /// rectangles whose ends overlap by 0.75 pt; LibreOffice's 0.5 pt strokes meet within 0.5 pt.
    /// </summary>
    public const double Snap = 2.0;

    /// <summary>A closed frame around fewer cells than this is a boxed paragraph, not a table.</summary>
    public const int MinCells = 2;

    /// <summary>
    /// More joined segments than this on one page is a drawing (hatching, a chart), not a report's table: the
    /// template's densest page has a few dozen after joining (446 before). Keeps the quadratic search bounded.
    /// </summary>
    public const int MaxSegments = 3000;

    public PdfTables Find(IReadOnlyList<PdfRule> rules, IReadOnlyList<PdfWord> words)
    {
        var hs = Merge(rules.Where(r => r.Horizontal));
        var vs = Merge(rules.Where(r => !r.Horizontal));
        if (hs.Count + vs.Count > MaxSegments) return new PdfTables([], words);
        var parent = Enumerable.Range(0, hs.Count + vs.Count).ToArray();
        for (int i = 0; i < hs.Count; i++)
            for (int j = 0; j < vs.Count; j++)
                if (Touch(hs[i], vs[j])) Union(parent, i, hs.Count + j);
        var grids = new List<PdfGrid>();
        var used = new HashSet<PdfWord>();
        foreach (var component in Enumerable.Range(0, parent.Length).GroupBy(i => Find(parent, i)))
        {
            var ch = component.Where(i => i < hs.Count).Select(i => hs[i]).ToList();
            var cv = component.Where(i => i >= hs.Count).Select(i => vs[i - hs.Count]).ToList();
            if (Build(ch, cv, words, used) is { } grid) grids.Add(grid);
        }
        grids.Sort((a, b) => a.Box.Y0.CompareTo(b.Box.Y0));
        return new PdfTables(grids, words.Where(w => !used.Contains(w)).ToList());
    }

    private static PdfGrid? Build(List<PdfRule> hs, List<PdfRule> vs, IReadOnlyList<PdfWord> words, HashSet<PdfWord> used)
    {
        var ys = CutEdges(Positions(hs), vs);
        var xs = Positions(vs);
        int rows = ys.Count - 1, cols = xs.Count - 1;
        if (rows < 1 || cols < 1 || rows * cols < MinCells) return null;

        // Elementary cells joined across every missing inner segment: the regions are the (merged) cells.
        var parent = Enumerable.Range(0, rows * cols).ToArray();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                if (c + 1 < cols && !Covered(vs, xs[c + 1], ys[r], ys[r + 1])) Union(parent, r * cols + c, r * cols + c + 1);
                if (r + 1 < rows && !Covered(hs, ys[r + 1], xs[c], xs[c + 1])) Union(parent, r * cols + c, (r + 1) * cols + c);
            }
        var regions = new Dictionary<int, (int R0, int C0, int R1, int C1, List<PdfWord> Words)>();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                int root = Find(parent, r * cols + c);
                regions[root] = regions.TryGetValue(root, out var g)
                    ? (Math.Min(g.R0, r), Math.Min(g.C0, c), Math.Max(g.R1, r), Math.Max(g.C1, c), g.Words)
                    : (r, c, r, c, []);
            }
        var box = new PdfBox(xs[0], ys[0], xs[^1], ys[^1]);
        foreach (var w in words)
        {
            double x = w.Box.CentreX, y = w.Box.CentreY;
            if (x <= box.X0 || x >= box.X1 || y <= box.Y0 || y >= box.Y1) continue;
            used.Add(w);
            int r = Index(ys, y);
            foreach (var piece in SplitAtRules(w, xs.Where(at => at > w.Box.X0 + Snap && at < w.Box.X1 - Snap && Covered(vs, at, ys[r], ys[r + 1]))))
                regions[Find(parent, r * cols + Index(xs, piece.Box.CentreX))].Words.Add(piece);
        }
        var cells = regions.Values
            .Select(g => new PdfGridCell(g.R0, g.C0, g.R1 - g.R0 + 1, g.C1 - g.C0 + 1,
                new PdfBox(xs[g.C0], ys[g.R0], xs[g.C1 + 1], ys[g.R1 + 1]),
                PdfText.JoinLines(WordLines.Instance.Lines(g.Words).Select(l => l.Text)),
                g.Words.Count == 0 ? null : g.Words.Skip(1).Aggregate(g.Words[0].Box, (b, w) => b.Union(w.Box))))
            .OrderBy(c => c.Row).ThenBy(c => c.Column).ToList();
        return new PdfGrid(box, ys, xs, cells);
    }

    /// <summary>
    /// A word that runs across a column rule (poppler joins glyphs of neighbouring cells set without padding) is cut
    /// there: each character's advance is estimated (CJK full width, others half) and it goes to the side of its centre.
    /// </summary>
    public static IEnumerable<PdfWord> SplitAtRules(PdfWord word, IEnumerable<double> cuts)
    {
        var at = cuts.Order().ToList();
        if (at.Count == 0 || word.Text.Length < 2) { yield return word; yield break; }
        var weights = word.Text.Select(ch => PdfText.IsCjk(ch) ? 1.0 : 0.5).ToList();
        double unit = word.Box.Width / weights.Sum(), x = word.Box.X0, start = word.Box.X0;
        var sb = new System.Text.StringBuilder();
        int next = 0;
        for (int i = 0; i < word.Text.Length; i++)
        {
            double centre = x + weights[i] * unit / 2;
            while (next < at.Count && centre > at[next])
            {
                if (sb.Length > 0) yield return new PdfWord(sb.ToString(), word.Box with { X0 = start, X1 = x });
                sb.Clear();
                start = x;
                next++;
            }
            sb.Append(word.Text[i]);
            x += weights[i] * unit;
        }
        if (sb.Length > 0) yield return new PdfWord(sb.ToString(), word.Box with { X0 = start, X1 = word.Box.X1 });
    }

    /// <summary>
    /// A table cut by a page break has no rule at the cut: Chromium ends the column rules there, so the row cut in two
    /// is bounded by the column rules' ends alone. Where at least two column rules run on past the last (or before the
    /// first) row rule by a row's height, their common end is a row line too.
    /// </summary>
    public const double MinCutRow = 8.0;

    private static List<double> CutEdges(List<double> ys, List<PdfRule> vs)
    {
        if (ys.Count == 0 || vs.Count < 2) return ys;
        var below = vs.Where(v => v.To > ys[^1] + MinCutRow).Select(v => v.To).ToList();
        var above = vs.Where(v => v.From < ys[0] - MinCutRow).Select(v => v.From).ToList();
        var result = new List<double>(ys);
        if (below.Count >= 2 && below.Max() - below.Min() <= Snap) result.Add(below.Max());
        if (above.Count >= 2 && above.Max() - above.Min() <= Snap) result.Insert(0, above.Min());
        return result;
    }

    /// <summary>The last line position at or above <paramref name="v"/>.</summary>
    private static int Index(IReadOnlyList<double> lines, double v)
    {
        int i = 0;
        while (i + 2 < lines.Count && lines[i + 1] <= v) i++;
        return i;
    }

    /// <summary>Whether a segment at <paramref name="at"/> covers the span between two neighbouring lines (less the snap at each end).</summary>
    private static bool Covered(List<PdfRule> segments, double at, double from, double to)
    {
        double mid = (from + to) / 2, half = Math.Max(0, (to - from) / 2 - Snap);
        return segments.Any(s => Math.Abs(s.At - at) <= Snap && s.From <= mid - half + 0.01 && s.To >= mid + half - 0.01);
    }

    private static bool Touch(PdfRule h, PdfRule v) =>
        v.At >= h.From - Snap && v.At <= h.To + Snap && h.At >= v.From - Snap && h.At <= v.To + Snap;

    /// <summary>Distinct positions of the segments, snapped.</summary>
    private static List<double> Positions(List<PdfRule> segments)
    {
        var result = new List<double>();
        foreach (var at in segments.Select(s => s.At).Order())
            if (result.Count == 0 || at - result[^1] > Snap) result.Add(at);
        return result;
    }

    /// <summary>Segments of one orientation snapped to common positions and joined where they touch or overlap.</summary>
    public static List<PdfRule> Merge(IEnumerable<PdfRule> rules)
    {
        var result = new List<PdfRule>();
        var sorted = rules.OrderBy(r => r.At).ToList();
        int i = 0;
        while (i < sorted.Count)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1].At - sorted[i].At <= Snap) j++;
            var group = sorted.GetRange(i, j - i + 1);
            double at = group.Average(r => r.At);
            PdfRule? current = null;
            foreach (var r in group.OrderBy(r => r.From))
            {
                if (current is not null && r.From <= current.To + Snap) current = current with { To = Math.Max(current.To, r.To) };
                else
                {
                    if (current is not null) result.Add(current);
                    current = new PdfRule(r.Horizontal, at, r.From, r.To);
                }
            }
            if (current is not null) result.Add(current);
            i = j + 1;
        }
        return result;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    private static void Union(int[] parent, int a, int b) => parent[Find(parent, a)] = Find(parent, b);
}

/// <summary>
/// Reads a page by the ruled-grid strategy when it has ruled tables; without them, words in aligned columns (a
/// borderless table) go to poppler's <c>-layout</c> text, which keeps a row on one line; otherwise the page is prose.
/// </summary>
public sealed class TableStrategyDecision : IPdfStrategyDecision
{
    public static readonly TableStrategyDecision Instance = new();

    /// <summary>
    /// A gap between two words of one line at least this many word heights wide separates columns. Where the number
    /// comes from: measured on Chromium and LibreOffice prints of the template, the widest gap inside prose is 0.25
    /// word heights (a space beside a Latin run; CJK prose has none), while neighbouring table columns stand 0.95
    /// word heights apart at the narrowest (表三's one-character columns); 0.6 lies between with room on both sides.
    /// </summary>
    public const double ColumnGapHeights = 0.6;

    /// <summary>Lines with such a gap before a page counts as columns: one can be a signature beside a date.</summary>
    public const int MinColumnLines = 3;

    public PdfPageStrategy Decide(PdfTables tables, IReadOnlyList<PdfTextLine> lines)
    {
        if (tables.Grids.Count > 0) return PdfPageStrategy.RuledGrid;
        int columnLines = lines.Count(HasColumnGap);
        return columnLines >= MinColumnLines ? PdfPageStrategy.AlignedColumns : PdfPageStrategy.Prose;
    }

    private static bool HasColumnGap(PdfTextLine line) => line.Gaps.Any(g => g >= ColumnGapHeights * line.Box.Height);
}
