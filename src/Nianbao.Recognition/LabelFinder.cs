using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>Where a label was found in the stream, and the numeric fragments that sat inside it.</summary>
internal sealed record LabelMatch(int Start, int End, IReadOnlyList<(int Start, int End)> Inside);

/// <summary>
/// Finds template labels in the normalised stream. A label broken over lines is contiguous once white
/// space is gone; a label broken around a run of numbers (<c>2.其他法律 0 0 0 … 行政法规禁止公开</c>, PDF
/// text) is matched across those numeric fragments, which are handed back to the caller.
/// </summary>
internal static class LabelFinder
{
    /// <param name="mask">Known non-row labels of the region (group labels, column headers), which may also
    /// sit inside a broken row label: pdftotext -layout puts the merged left column on the label's line.</param>
    /// <param name="maskStart">Stream index of <paramref name="mask"/>[0].</param>
    /// <param name="wildcard">A position of <paramref name="label"/> that matches any one character (−1: none).</param>
    public static LabelMatch? Find(FragmentStream s, string label, int from, int to, bool acrossNumbers = true, bool[]? mask = null, int maskStart = 0, int wildcard = -1)
    {
        if (label.Length == 0 || from >= to) return null;
        var chars = s.Chars;
        int i = from;
        while (i < to)
        {
            i = chars.IndexOf(label[0], i, to - i);
            if (i < 0) return null;
            var m = TryAt(s, label, i, to, acrossNumbers, mask, maskStart, wildcard);
            if (m is not null) return m;
            i++;
        }
        return null;
    }

    /// <summary>All contiguous occurrences of <paramref name="label"/> in [from, to).</summary>
    public static IEnumerable<int> AllExact(FragmentStream s, string label, int from, int to)
    {
        if (label.Length == 0) yield break;
        int i = from;
        while (i < to)
        {
            i = s.Chars.IndexOf(label, i, to - i, StringComparison.Ordinal);
            if (i < 0 || i + label.Length > to) yield break;
            yield return i;
            i += label.Length;
        }
    }

    /// <summary>Labels shorter than this are never matched approximately: a short label off by one is another label.</summary>
    public const int MinApproximateLength = 6;

    /// <summary>
    /// A misprinted label: <paramref name="label"/> with one character printed wrong, or one run of characters left
    /// out (at most a quarter of the label, never its first or last character), found once in [from, to). Null when
    /// nothing or more than one place matches, or when the printed text is as close to one of
    /// <paramref name="others"/> (the table's other labels): an approximate match is never ambiguous.
    /// </summary>
    public static (LabelMatch Match, string Printed)? FindApproximate(FragmentStream s, string label, int from, int to,
        IEnumerable<string> others, bool[]? mask = null, int maskStart = 0)
    {
        if (label.Length < MinApproximateLength) return null;
        var found = new List<(LabelMatch Match, string Printed)>();
        foreach (var printed in Variants(label))
        {
            int at = from;
            while (Find(s, printed.Pattern, at, to, true, mask, maskStart, printed.Wildcard) is { } m)
            {
                var text = printed.Wildcard < 0 ? printed.Pattern : printed.Pattern[..printed.Wildcard] + WildcardChar(s, m, printed.Wildcard) + printed.Pattern[(printed.Wildcard + 1)..];
                if (!found.Any(f => f.Match.Start < m.End && m.Start < f.Match.End)) found.Add((m, text));
                at = m.Start + 1;
            }
        }
        if (found.Count != 1) return null;
        var (match, shown) = found[0];
        return others.Any(o => o != label && (o == shown || Variants(o).Any(v => Matches(v, shown)))) ? null : (match, shown);
    }

    /// <summary>The label with one run left out (Wildcard −1) or with one position matching any character.</summary>
    private static IEnumerable<(string Pattern, int Wildcard)> Variants(string label)
    {
        int maxRun = Math.Max(1, label.Length / 4);
        for (int i = 1; i < label.Length - 1; i++)
        {
            if (LabelText.IsDigit(label[i])) continue;
            yield return (label, i);
            for (int run = 1; run <= maxRun && i + run < label.Length; run++) yield return (label.Remove(i, run), -1);
        }
    }

    private static bool Matches((string Pattern, int Wildcard) v, string text) =>
        v.Pattern.Length == text.Length && Enumerable.Range(0, text.Length).All(k => k == v.Wildcard || v.Pattern[k] == text[k]);

    /// <summary>The stream character the wildcard matched (numbers inside the label skipped as the match did).</summary>
    private static char WildcardChar(FragmentStream s, LabelMatch m, int wildcard)
    {
        int seen = 0;
        for (int p = m.Start; p < m.End; p++)
        {
            if (m.Inside.Any(r => p >= r.Start && p < r.End)) continue;
            if (seen++ == wildcard) return s.Chars[p];
        }
        return '?';
    }

    private static LabelMatch? TryAt(FragmentStream s, string label, int start, int to, bool acrossNumbers, bool[]? mask, int maskStart, int wildcard = -1)
    {
        var chars = s.Chars;
        int p = start, j = 0;
        List<(int, int)>? inside = null;
        while (j < label.Length)
        {
            if (p >= to) return null;
            if (chars[p] == label[j] || (j == wildcard && !LabelText.IsDigit(chars[p]) && !char.IsWhiteSpace(chars[p]))) { p++; j++; continue; }
            if (!acrossNumbers || j == 0) return null;
            if (mask is not null && p - maskStart is var k && k >= 0 && k < mask.Length && mask[k])
            {
                while (p < to && p - maskStart < mask.Length && mask[p - maskStart]) p++;
                continue;
            }
            var f = s.FragmentAt(p);
            if (!f.Numeric || f.Start != p || f.End > to) return null;
            (inside ??= []).Add((f.Start, f.End));
            p = f.End;
        }
        return new LabelMatch(start, p, (IReadOnlyList<(int, int)>?)inside ?? []);
    }
}
