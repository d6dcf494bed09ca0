using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>
/// Decides the edition by the fingerprints of domain.md §1 (Data/editions.json), counted only inside the table
/// region (the words also occur in narrative text of either edition).
/// </summary>
internal static class EditionDetector
{
    /// <summary>Fewest distinct fingerprints that make an edition recognisable.</summary>
    public const int MinFingerprints = 2;

    public static Edition? Detect(FragmentStream s, IReadOnlyDictionary<int, SectionHit> sections, TemplateCatalog? catalog = null)
    {
        int from = sections.TryGetValue(2, out var t2) ? t2.Start : 0;
        int to = sections.TryGetValue(5, out var t5) ? t5.Start : sections.TryGetValue(6, out var t6) ? t6.Start : s.Length;
        if (to <= from) (from, to) = (0, s.Length);
        return Detect(s.Chars.AsSpan(from, to - from), catalog ?? TemplateCatalog.Default);
    }

    /// <summary>The edition with the most fingerprints in <paramref name="tableText"/>; none on a tie or too few.</summary>
    public static Edition? Detect(ReadOnlySpan<char> tableText, TemplateCatalog catalog)
    {
        Edition? best = null;
        int bestScore = -1, runnerUp = -1;
        foreach (var info in catalog.EditionInfos)
        {
            int score = 0;
            foreach (var f in info.Fingerprints)
                if (tableText.IndexOf(LabelText.Label(f), StringComparison.Ordinal) >= 0) score++;
            if (score > bestScore) (runnerUp, bestScore, best) = (bestScore, score, info.Edition);
            else if (score > runnerUp) runnerUp = score;
        }
        return bestScore < MinFingerprints || runnerUp == bestScore ? null : best;
    }
}
