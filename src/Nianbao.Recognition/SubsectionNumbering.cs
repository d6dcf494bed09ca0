using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>
/// Subsections of the prose sections (一、五、六) numbered （一）（二）… at the start of a line must run
/// in order: sample 002 has two （四）.
/// </summary>
internal static class SubsectionNumbering
{
    private static readonly int[] ProseSections = [1, 5, 6];

    public static IEnumerable<Finding> Check(FragmentStream s, IReadOnlyList<SectionHit> hits)
    {
        for (int i = 0; i < hits.Count; i++)
        {
            var sec = hits[i];
            if (!ProseSections.Contains(sec.Def.Number)) continue;
            int end = i + 1 < hits.Count ? hits[i + 1].Start : s.Length;
            int previous = 0;
            string previousLabel = "";
            int startFrag = sec.End < s.Length ? s.Owner[sec.End] : s.Fragments.Count;
            for (int fi = startFrag; fi < s.Fragments.Count && s.Fragments[fi].Start < end; fi++)
            {
                var f = s.Fragments[fi];
                if (fi > 0 && s.Fragments[fi - 1].Line == f.Line) continue;
                if (!TryNumber(f.Norm, out var n, out var label)) continue;
                var args = new Dictionary<string, string> { ["numeral"] = sec.Def.Numeral, ["label"] = label, ["previous"] = previousLabel };
                if (n == previous) yield return Finding.Create("DOC.NUMBERING", "duplicate", args, line: f.Line);
                else if (n != previous + 1 && previous > 0) yield return Finding.Create("DOC.NUMBERING", "skipped", args, line: f.Line);
                previous = n;
                previousLabel = label;
            }
        }
    }

    /// <summary>Reads (一) … (十) at the start of a normalised fragment.</summary>
    private static bool TryNumber(string norm, out int n, out string label)
    {
        n = 0;
        label = "";
        if (norm.Length < 3 || norm[0] != '(') return false;
        int close = norm.IndexOf(')', StringComparison.Ordinal);
        if (close < 2 || close > 3) return false;
        n = SectionDef.ValueOfNumeral(norm[1..close]);
        label = "（" + norm[1..close] + "）";
        return n > 0;
    }
}
