using Nianbao.Template;

namespace Nianbao.Reading.Aligned;

/// <summary>One column of an aligned table: its header word and the union x-extent of the word's pieces.</summary>
internal sealed record HeaderColumn(string Word, int Start, int End)
{
    public double Distance(double x) => x < Start ? Start - x : x > End ? x - End : 0;
}

/// <summary>
/// Finds the column header block of an aligned table (Tabula stream mode): every leaf column label of a
/// template block, printed as whole runs that may be broken over several lines (<c>社会公</c> / <c>益组织</c>,
/// <c>自 然</c> / <c>人</c>), left to right. A column's x-range is the union of its pieces.
/// </summary>
internal static class HeaderColumns
{
    /// <summary>How many lines a header block may span.</summary>
    private const int BandLines = 8;

    /// <summary>Leaf column labels (each with its printed variants) of every template block with two or more columns.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Sets = BuildSets();

    private static List<IReadOnlyList<IReadOnlyList<string>>> BuildSets()
    {
        var text = TemplateCatalog.Default.Text;
        var seen = new HashSet<string>();
        var sets = new List<IReadOnlyList<IReadOnlyList<string>>>();
        foreach (var edition in TemplateCatalog.Default.Editions)
            foreach (var block in edition.Tables.SelectMany(t => t.Blocks))
            {
                var labels = block.ColumnLabels;
                // Table 4 repeats its leaf labels under each group: they are matched left to right.
                if (labels.Count < 2) continue;
                if (!seen.Add(string.Join('|', labels))) continue;
                sets.Add(labels.Select(l => (IReadOnlyList<string>)new[] { l }
                    .Concat(text.ColumnVariants.TryGetValue(l, out var v) ? v : []).Select(Squeeze).Distinct().ToList()).ToList());
            }
        return sets;
    }

    public static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The first header block of <paramref name="set"/> in lines [from, to): its columns and last line.</summary>
    public static (List<HeaderColumn> Columns, int LastLine)? Find(IReadOnlyList<List<TextRun>> runs, WordStarts starts, IReadOnlyList<IReadOnlyList<string>> set, int from, int to)
    {
        for (int top = from; top < to; top++)
        {
            if (runs[top].Count == 0) continue;
            int bottom = Math.Min(to, top + BandLines);
            // No line of the band can begin the first column's word: no header starts here (the common case, cheaply).
            if (starts.NextAny(set[0], top) >= bottom) continue;
            var columns = new List<HeaderColumn>();
            int last = top, prevEnd = -1;
            foreach (var alternatives in set)
            {
                (HeaderColumn Column, int Last)? best = null;
                foreach (var word in alternatives)
                    foreach (var m in Occurrences(runs, starts, word, top, bottom))
                        if (m.Column.Start > prevEnd && (best is null || m.Column.Start < best.Value.Column.Start)) best = m;
                if (best is null) { columns.Clear(); break; }
                columns.Add(best.Value.Column);
                prevEnd = best.Value.Column.End;
                last = Math.Max(last, best.Value.Last);
            }
            if (columns.Count == set.Count) return (columns, last);
        }
        return null;
    }

    /// <summary>Every way <paramref name="word"/> is printed as whole runs in lines [top, bottom).</summary>
    private static IEnumerable<(HeaderColumn Column, int Last)> Occurrences(IReadOnlyList<List<TextRun>> runs, WordStarts starts, string word, int top, int bottom)
    {
        for (int l = starts.Next(word, top); l < bottom; l = starts.Next(word, l + 1))
        foreach (var run in runs[l])
            if (word.StartsWith(run.Text, StringComparison.Ordinal) && Chain(runs, word, run.Text.Length, run, run.Start, run.End, run.Line, bottom) is { } m)
                yield return (new HeaderColumn(word, m.Start, m.End), m.Last);
    }

    /// <summary>Continues a word after <paramref name="last"/>: the next run on the same line, or a run below overlapping the extent.</summary>
    private static (int Start, int End, int Last)? Chain(IReadOnlyList<List<TextRun>> runs, string word, int done, TextRun last, int start, int end, int lastLine, int bottom)
    {
        if (done == word.Length) return (start, end, lastLine);
        var rest = word.AsSpan(done);
        var line = runs[last.Line];
        int at = line.IndexOf(last);
        if (at + 1 < line.Count && line[at + 1] is var next && next.Start - last.End - 1 <= 2 && rest.StartsWith(next.Text))
            if (Chain(runs, word, done + next.Text.Length, next, start, Math.Max(end, next.End), lastLine, bottom) is { } m) return m;
        for (int l = last.Line + 1; l < Math.Min(bottom, last.Line + 4); l++)
            foreach (var below in runs[l])
                if (below.End >= start - 1 && below.Start <= end + 1 && rest.StartsWith(below.Text))
                    if (Chain(runs, word, done + below.Text.Length, below, Math.Min(start, below.Start), Math.Max(end, below.End), l, bottom) is { } m) return m;
        return null;
    }
}

/// <summary>
/// For one document's runs, the lines where a word can begin (a run is a prefix of it), computed once per word:
/// the header search slides an 8-line band over every line for every template block, and most lines begin no header word.
/// </summary>
internal sealed class WordStarts(IReadOnlyList<List<TextRun>> runs)
{
    private readonly Dictionary<string, int[]> next = new(StringComparer.Ordinal);
    private readonly Dictionary<IReadOnlyList<string>, int[]> nextAny = new(ReferenceEqualityComparer.Instance);

    /// <summary>The first line at or after <paramref name="line"/> where any of <paramref name="words"/> can begin, else the line count.</summary>
    public int NextAny(IReadOnlyList<string> words, int line)
    {
        if (!nextAny.TryGetValue(words, out var starts))
        {
            starts = new int[runs.Count + 1];
            for (int l = 0; l <= runs.Count; l++)
            {
                int first = runs.Count;
                foreach (var word in words) first = Math.Min(first, Next(word, l));
                starts[l] = first;
            }
            nextAny[words] = starts;
        }
        return starts[Math.Min(line, runs.Count)];
    }

    /// <summary>The first line at or after <paramref name="line"/> with a run that is a prefix of <paramref name="word"/>, else the line count.</summary>
    public int Next(string word, int line)
    {
        if (!next.TryGetValue(word, out var starts))
        {
            starts = new int[runs.Count + 1];
            starts[runs.Count] = runs.Count;
            for (int l = runs.Count - 1; l >= 0; l--)
            {
                bool begins = false;
                foreach (var run in runs[l])
                    if (word.StartsWith(run.Text, StringComparison.Ordinal)) { begins = true; break; }
                starts[l] = begins ? l : starts[l + 1];
            }
            next[word] = starts;
        }
        return starts[Math.Min(line, runs.Count)];
    }
}
