using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>A section heading found in the stream.</summary>
/// <param name="Start">Stream index of the heading's numbering (or title when unnumbered).</param>
/// <param name="End">Stream index just after the title.</param>
/// <param name="PrintedNumber">The number as printed (<c>二</c>, <c>2</c>), empty when unnumbered.</param>
internal sealed record SectionHit(SectionDef Def, int Start, int End, string PrintedHeading, string PrintedNumber,
    bool CanonicalNumber, bool CanonicalWording, int Line);

/// <summary>
/// Finds the six headings of domain.md §2.1 in order. A heading is a numbering (<c>二、</c>, <c>2、</c>)
/// at the start of a line (anywhere on a flattened web page) followed by text close to the title or one
/// of its variants (§6): close means their longest common subsequence covers most of the title, which
/// accepts <c>存在主要问题及改进情况</c> and <c>政府信息公开行政法复议、行政诉讼情况</c> alike. Parenthesised
/// numbers (<c>（一）</c>) are subsection level and never start a section.
/// </summary>
internal static class SectionLocator
{
    /// <summary>Share of a title's chars that the printed heading must contain, in order.</summary>
    public const double MinSimilarity = 0.8;

    /// <summary>Extra chars of printed heading compared beyond the title's length (inserted words).</summary>
    private const int Slack = 8;

    private const string ChineseNumerals = "一二三四五六七八九十";

    /// <summary>Candidate headings examined per section before giving up on it.</summary>
    public const int MaxCandidatesPerSection = 5000;

    private sealed record Candidate(int Start, int TitleStart, string Number);

    public static IReadOnlyList<SectionHit> Locate(FragmentStream s)
    {
        var candidates = Candidates(s);
        var hits = new List<SectionHit>();
        int cursor = 0;
        foreach (var def in TemplateCatalog.Default.Text.Sections)
        {
            var titles = new[] { def.Title }.Concat(def.Variants).Select(LabelText.Label).ToList();
            var firstChars = titles.SelectMany(t => t).ToHashSet();
            int tried = 0;
            foreach (var c in candidates)
            {
                if (c.Start < cursor || !firstChars.Contains(s.Chars[c.TitleStart])) continue;
                // A real report has a few hundred candidates; a hostile one must not make this quadratic.
                if (++tried > MaxCandidatesPerSection) break;
                var hit = Match(s, def, titles, c);
                if (hit is null) continue;
                hits.Add(hit);
                cursor = hit.End;
                break;
            }
        }
        return hits;
    }

    private static SectionHit? Match(FragmentStream s, SectionDef def, List<string> titles, Candidate c)
    {
        int bestEnd = -1;
        double best = 0;
        bool canonical = false;
        for (int i = 0; i < titles.Count; i++)
        {
            var title = titles[i];
            bool exact = c.TitleStart + title.Length <= s.Length && string.CompareOrdinal(s.Chars, c.TitleStart, title, 0, title.Length) == 0;
            // Unnumbered candidates must match a title exactly (a line of its own).
            if (c.Number.Length == 0 && !exact) continue;
            int windowEnd = Math.Min(s.Length, c.TitleStart + title.Length + Slack);
            var window = s.Chars.AsSpan(c.TitleStart, windowEnd - c.TitleStart);
            // Cheap bound first: the subsequence cannot be longer than the title chars the window holds.
            if (!exact && CommonChars(title, window) < MinSimilarity * title.Length) continue;
            var (lcs, used) = Lcs(title, window);
            double score = (double)lcs / title.Length;
            if (score < MinSimilarity || window.Length == 0 || !title.Contains(window[0], StringComparison.Ordinal)) continue;
            if (score > best + 1e-9)
            {
                best = score;
                bestEnd = c.TitleStart + used;
                canonical = i == 0 && exact;
            }
        }
        if (bestEnd < 0) return null;
        // A list in the preface (一、总体情况；二、主动公开…) continues with a separator; a heading does not.
        if (bestEnd < s.Length && s.Chars[bestEnd] is ',' or ';' or '。' && s.FragmentAt(bestEnd).Line == s.FragmentAt(bestEnd - 1).Line)
            return null;
        var end = ExtendToLineEnd(s, bestEnd);
        bool canonicalNumber = c.Number == def.Numeral && c.TitleStart > 0 && s.Chars[c.TitleStart - 1] == ',';
        return new SectionHit(def, c.Start, end, s.TextBetween(c.Start, end), c.Number, canonicalNumber, canonical, s.FragmentAt(c.Start).Line);
    }

    /// <summary>On a line of its own, the heading runs to the end of its line (keeps the printed wording whole).</summary>
    private static int ExtendToLineEnd(FragmentStream s, int end)
    {
        if (end >= s.Length || end == 0) return end;
        var line = s.FragmentAt(end - 1).Line;
        int e = end;
        while (e < s.Length && s.FragmentAt(e).Line == line && e - end < 20 && !LabelText.IsDigit(s.Chars[e])
               && s.Chars[e] is not ('(' or '。' or ':' or ';')) e++;
        return e < s.Length && s.FragmentAt(e).Line == line ? end : e;
    }

    /// <summary>Length of the longest common subsequence, and how much of <paramref name="window"/> it needs.</summary>
    private static int CommonChars(string title, ReadOnlySpan<char> window)
    {
        int n = 0;
        foreach (var c in title) if (window.Contains(c)) n++;
        return n;
    }

    private static (int Length, int Used) Lcs(string title, ReadOnlySpan<char> window)
    {
        int n = title.Length, m = window.Length;
        Span<int> prev = stackalloc int[m + 1];
        Span<int> cur = stackalloc int[m + 1];
        for (int i = 1; i <= n; i++)
        {
            for (int j = 1; j <= m; j++)
                cur[j] = title[i - 1] == window[j - 1] ? prev[j - 1] + 1 : Math.Max(prev[j], cur[j - 1]);
            var swap = prev;
            prev = cur;
            cur = swap;
        }
        int best = prev[m], used = m;
        while (used > 0 && prev[used - 1] == best) used--;
        return (best, used);
    }

    /// <summary>Numbered line starts (<c>二,</c> <c>2.</c>), numbered positions inside flattened lines, and every line start.</summary>
    private static List<Candidate> Candidates(FragmentStream s)
    {
        var list = new List<Candidate>();
        var chars = s.Chars;
        for (int fi = 0; fi < s.Fragments.Count; fi++)
        {
            var f = s.Fragments[fi];
            bool lineStart = fi == 0 || s.Fragments[fi - 1].Line != f.Line;
            if (lineStart) TryAdd(f.Start, true);
            if (!s.IsFlattened(f.Line)) continue;
            for (int i = f.Start + (lineStart ? 1 : 0); i < f.End; i++)
                if (ChineseNumerals.Contains(chars[i], StringComparison.Ordinal)) TryAdd(i, false);
        }
        return list;

        void TryAdd(int i, bool lineStart)
        {
            bool chinese = ChineseNumerals.Contains(chars[i], StringComparison.Ordinal);
            // Mid-line, the numbering must not continue a longer numeral ("十二," → not "二,").
            if (!lineStart && i > 0 && (chinese ? ChineseNumerals.Contains(chars[i - 1], StringComparison.Ordinal) : LabelText.IsDigit(chars[i - 1]))) return;
            if (chinese || (LabelText.IsDigit(chars[i]) && lineStart))
            {
                int j = i;
                while (j < chars.Length && j - i < 2 && (chinese ? ChineseNumerals.Contains(chars[j], StringComparison.Ordinal) : LabelText.IsDigit(chars[j]))) j++;
                if (j < chars.Length && chars[j] is ',' or '.' && j + 1 < chars.Length)
                {
                    list.Add(new Candidate(i, j + 1, chars[i..j]));
                    return;
                }
            }
            if (lineStart) list.Add(new Candidate(i, i, ""));
        }
    }

    private static bool IsLineStart(FragmentStream s, int index)
    {
        var f = s.FragmentAt(index);
        if (f.Start != index) return false;
        int fi = s.Owner[index];
        return fi == 0 || s.Fragments[fi - 1].Line != f.Line;
    }
}
