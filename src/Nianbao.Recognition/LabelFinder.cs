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
    public static LabelMatch? Find(FragmentStream s, string label, int from, int to, bool acrossNumbers = true, bool[]? mask = null, int maskStart = 0)
    {
        if (label.Length == 0 || from >= to) return null;
        var chars = s.Chars;
        int i = from;
        while (i < to)
        {
            i = chars.IndexOf(label[0], i, to - i);
            if (i < 0) return null;
            var m = TryAt(s, label, i, to, acrossNumbers, mask, maskStart);
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

    private static LabelMatch? TryAt(FragmentStream s, string label, int start, int to, bool acrossNumbers, bool[]? mask, int maskStart)
    {
        var chars = s.Chars;
        int p = start, j = 0;
        List<(int, int)>? inside = null;
        while (j < label.Length)
        {
            if (p >= to) return null;
            if (chars[p] == label[j]) { p++; j++; continue; }
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
