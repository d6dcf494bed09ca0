using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>
/// Decides the edition by the fingerprints of domain.md §1, counted only inside the table region
/// (the words also occur in narrative text of either edition).
/// </summary>
internal static class EditionDetector
{
    /// <summary>Fewest distinct fingerprints that make an edition recognisable.</summary>
    public const int MinFingerprints = 2;

    public static Edition? Detect(FragmentStream s, IReadOnlyDictionary<int, SectionHit> sections)
    {
        int from = sections.TryGetValue(2, out var t2) ? t2.Start : 0;
        int to = sections.TryGetValue(5, out var t5) ? t5.Start : sections.TryGetValue(6, out var t6) ? t6.Start : s.Length;
        if (to <= from) (from, to) = (0, s.Length);
        int Score(Edition e) => TemplateCatalog.Default.Text.Fingerprints[e.Code()]
            .Count(f => s.Chars.AsSpan(from, to - from).IndexOf(LabelText.Label(f), StringComparison.Ordinal) >= 0);
        int s2019 = Score(Edition.E2019), s2021 = Score(Edition.E2021);
        if (Math.Max(s2019, s2021) < MinFingerprints || s2019 == s2021) return null;
        return s2019 > s2021 ? Edition.E2019 : Edition.E2021;
    }
}
