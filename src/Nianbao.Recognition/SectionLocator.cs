using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>A section heading found in the stream.</summary>
/// <param name="Start">Stream index of the heading's numbering (or title when unnumbered).</param>
/// <param name="End">Stream index just after the title.</param>
/// <param name="PrintedNumber">The number as printed (<c>二</c>, <c>2</c>), empty when unnumbered.</param>
internal sealed record SectionHit(SectionDef Def, int Start, int End, string PrintedHeading, string PrintedNumber,
    bool CanonicalNumber, bool CanonicalWording, int Line);

/// <summary>
/// Finds the six headings of domain.md §2.1 in order, tolerant of numbering (<c>2、</c>) and wording
/// variants (§6). A candidate counts as a heading when it is numbered (or stands alone on its line) and
/// is not an item of a list in the preface (<c>本报告包括总体情况、主动公开…</c>).
/// </summary>
internal static class SectionLocator
{
    /// <summary>Lines longer than this are flattened pages: headings may sit mid-line.</summary>
    private const int FlattenedLineLength = 400;

    private static readonly string ChineseNumerals = "一二三四五六七八九十";

    public static IReadOnlyList<SectionHit> Locate(FragmentStream s, IReadOnlyDictionary<int, int> lineLengths)
    {
        var hits = new List<SectionHit>();
        int cursor = 0;
        foreach (var def in TemplateCatalog.Default.Text.Sections)
        {
            SectionHit? best = null;
            var titles = new[] { def.Title }.Concat(def.Variants).Select((t, i) => (Norm: LabelText.Normalize(t), Canonical: i == 0));
            foreach (var (title, canonical) in titles)
            {
                foreach (var at in LabelFinder.AllExact(s, title, cursor, s.Length))
                {
                    if (best is not null && at >= best.End) break;
                    var hit = TryHeading(s, def, title, canonical, at, lineLengths);
                    if (hit is null) continue;
                    if (best is null || hit.Start < best.Start) best = hit;
                    break;
                }
            }
            if (best is null) continue;
            hits.Add(best);
            cursor = best.End;
        }
        return hits;
    }

    private static SectionHit? TryHeading(FragmentStream s, SectionDef def, string title, bool canonicalWording, int at,
        IReadOnlyDictionary<int, int> lineLengths)
    {
        int end = at + title.Length;
        // A list in the preface continues with a separator; a heading does not.
        if (end < s.Length && s.Chars[end] is ',' or ';' or '。' && s.FragmentAt(end).Line == s.FragmentAt(end - 1).Line) return null;
        var (start, number) = NumberingBefore(s.Chars, at);
        var line = s.FragmentAt(at).Line;
        bool flattened = lineLengths.TryGetValue(line, out var len) && len > FlattenedLineLength;
        bool atLineStart = IsLineStart(s, start);
        if (number.Length == 0)
        {
            // Unnumbered: only a line of its own.
            bool alone = atLineStart && (end >= s.Length || s.FragmentAt(end).Line != line);
            if (!alone) return null;
        }
        else if (!atLineStart && !flattened) return null;
        else if (start > 0 && !atLineStart && ChineseNumerals.Contains(s.Chars[start - 1])) return null;

        var printed = s.TextBetween(start, end);
        bool canonicalNumber = number == def.Numeral && s.Chars[at - 1] == ',';
        return new SectionHit(def, start, end, printed, number, canonicalNumber, canonicalWording, s.FragmentAt(start).Line);
    }

    /// <summary>The numbering right before a title: <c>二,</c> <c>2,</c> <c>2.</c> <c>(二)</c> <c>第二部分</c>.</summary>
    private static (int Start, string Number) NumberingBefore(string chars, int at)
    {
        int p = at - 1;
        if (p < 0) return (at, "");
        if (chars[p] is ',' or '.' or ':' or ')')
        {
            bool paren = chars[p] == ')';
            int q = p - 1;
            // All Chinese numerals or all digits: "00三," is a table's last numbers before "三,".
            bool chinese = q >= 0 && ChineseNumerals.Contains(chars[q]);
            while (q >= 0 && (chinese ? ChineseNumerals.Contains(chars[q]) : LabelText.IsDigit(chars[q])) && p - q <= 3) q--;
            var number = chars[(q + 1)..p];
            if (number.Length == 0 || number.Length > 2) return (at, "");
            if (paren)
            {
                if (q < 0 || chars[q] != '(') return (at, "");
                return (q, number);
            }
            return (q + 1, number);
        }
        return (at, "");
    }

    private static bool IsLineStart(FragmentStream s, int index)
    {
        var f = s.FragmentAt(index);
        if (f.Start != index) return false;
        int fi = s.Owner[index];
        return fi == 0 || s.Fragments[fi - 1].Line != f.Line;
    }
}
