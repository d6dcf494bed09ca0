using System.Text;
using Nianbao.Reading;
using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>A piece of source text the layout separates from its neighbours (a word between spaces, or a grid cell).</summary>
/// <param name="Row">Identifies the physical row: the source line for text, the grid row for tables.</param>
/// <param name="Start">Index of its first char in <see cref="FragmentStream.Chars"/>.</param>
/// <param name="Numeric">True when the whole fragment is a number or a blank marker: such fragments may sit inside a label broken over lines.</param>
/// <param name="SourceRaw">The source's own text when the reader changed it (OCR), given as every value's raw text.</param>
internal sealed record Fragment(string Raw, string Norm, int Line, int Column, int Row, int Start, bool IsEmptyCell, bool Numeric, CellLocation? At = null,
    string? SourceRaw = null)
{
    public int End => Start + Norm.Length;
}

/// <summary>
/// The document as one normalised char stream (LabelText.Normalize, white space removed) with a map
/// from every char back to its fragment, so that labels can be matched across line breaks and every
/// number keeps its line and column. An empty grid cell is one <see cref="EmptyCell"/> char.
/// </summary>
internal sealed class FragmentStream
{
    public const char EmptyCell = '\u0001';

    public FragmentStream(LayoutDocument doc)
    {
        Method = doc.Method;
        var sb = new StringBuilder(doc.Text.Length);
        var frags = new List<Fragment>(doc.Text.Length / 4);
        var owner = new List<int>(doc.Text.Length);
        int gridRow = 0;
        foreach (var block in doc.Blocks)
        {
            switch (block)
            {
                case LayoutLine line:
                    foreach (var (word, col) in Words(line.Text)) Add(word, line.Line, col, line.Line, false, null, null);
                    break;
                case LayoutTable table:
                    foreach (var row in table.Rows)
                    {
                        int rowKey = -(++gridRow);
                        if (row.Cells.All(c => c.Text.Length == 0)) continue;
                        // Leading empty cells are merged label columns, not blank values, unless the
                        // row has no label at all (table 4's data row: every cell a number or blank).
                        bool seenContent = row.Cells.All(c => c.Text.Length == 0 || NumberSyntax.IsNumericFragment(LabelText.Normalize(c.Text)));
                        foreach (var cell in row.Cells)
                        {
                            if (cell.Text.Length == 0 && !seenContent) continue;
                            seenContent |= cell.Text.Length > 0;
                            Add(cell.Text, cell.Line, cell.Column, rowKey, cell.Text.Length == 0, cell.At, cell.Raw);
                        }
                    }
                    break;
            }
        }
        Chars = sb.ToString();
        var lines = Lines = doc.Text.Split('\n');
        var lengths = new Dictionary<int, int>(lines.Length);
        for (int i = 0; i < lines.Length; i++) lengths[i + 1] = lines[i].Length;
        LineLengths = lengths;
        Owner = owner.ToArray();
        Fragments = frags;

        void Add(string raw, int line, int col, int rowKey, bool empty, CellLocation? locator, string? sourceRaw)
        {
            var norm = empty ? EmptyCell.ToString() : LabelText.Normalize(raw);
            if (norm.Length == 0) return;
            var f = new Fragment(raw, norm, line, col, rowKey, sb.Length, empty, empty || NumberSyntax.IsNumericFragment(norm), locator, sourceRaw);
            frags.Add(f);
            sb.Append(norm);
            for (int i = 0; i < norm.Length; i++) owner.Add(frags.Count - 1);
        }
    }

    public string Method { get; }

    /// <summary>The document text's lines (index 0 is line 1).</summary>
    public string[] Lines { get; }

    /// <summary>Length of every line of the document text (1-based).</summary>
    public IReadOnlyDictionary<int, int> LineLengths { get; }

    /// <summary>Lines longer than this are flattened web pages: headings and cells run together there.</summary>
    public const int FlattenedLineLength = 400;

    public bool IsFlattened(int line) => LineLengths.TryGetValue(line, out var len) && len > FlattenedLineLength;

    /// <summary>A grid cell's borders are certain; so are the spaces between numbers on an ordinary line.</summary>
    public bool IsAtomic(Fragment f) => f.Row < 0 || !IsFlattened(f.Line);

    /// <summary>The normalised stream.</summary>
    public string Chars { get; }

    /// <summary>For every char of <see cref="Chars"/>, the index of its fragment.</summary>
    public int[] Owner { get; }

    public IReadOnlyList<Fragment> Fragments { get; }

    public int Length => Chars.Length;

    public Fragment FragmentAt(int index) => Fragments[Owner[index]];

    /// <summary>The source line of the char at <paramref name="index"/> (or of the last char before the end).</summary>
    public int LineAt(int index) => Length == 0 ? 1 : FragmentAt(Math.Clamp(index, 0, Length - 1)).Line;

    /// <summary>Provenance of the char at <paramref name="index"/>.</summary>
    public Provenance ProvenanceAt(int index, string? raw = null)
    {
        var f = FragmentAt(index);
        return new Provenance(Method, f.Line, f.Column + Math.Max(0, index - f.Start), f.SourceRaw ?? raw, f.At);
    }

    /// <summary>The source text of stream range [start, end): fragments joined by a space, lines by a newline.</summary>
    public string TextBetween(int start, int end)
    {
        if (start >= end || start >= Length) return "";
        end = Math.Min(end, Length);
        var sb = new StringBuilder();
        int first = Owner[start], last = Owner[end - 1];
        for (int fi = first; fi <= last; fi++)
        {
            var f = Fragments[fi];
            if (f.IsEmptyCell) continue;
            if (fi > first) sb.Append(Fragments[fi - 1].Line == f.Line ? ' ' : '\n');
            int from = Math.Max(start, f.Start) - f.Start, to = Math.Min(end, f.End) - f.Start;
            sb.Append(from == 0 && to == f.Norm.Length ? f.Raw : RawSlice(f.Raw, from, to));
        }
        return sb.ToString();
    }

    /// <summary>The raw chars whose normalised forms cover normalised offsets [from, to).</summary>
    private static string RawSlice(string raw, int from, int to)
    {
        int n = 0, a = -1, b = raw.Length;
        for (int i = 0; i < raw.Length; i++)
        {
            int len = LabelText.Map(raw[i]).Length;
            if (a < 0 && n + len > from) a = i;
            n += len;
            if (n >= to) { b = i + 1; break; }
        }
        return a < 0 ? "" : raw[a..b];
    }

    private static IEnumerable<(string Word, int Column)> Words(string line)
    {
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
            if (i > start) yield return (line[start..i], start + 1);
        }
    }
}
