namespace Nianbao.Validation.CrossYear;

/// <summary>
/// How much of two texts is the same wording: Jaccard similarity of 4-character shingles over letters only,
/// with every digit run masked, so that "2023年受理12件" and "2024年受理15件" count as the same sentence.
/// </summary>
public static class TextSimilarity
{
    private const int Shingle = 4;

    /// <summary>0–1; 0 when either text is shorter than <paramref name="minLength"/> characters of content.</summary>
    public static double Of(string a, string b, int minLength)
    {
        var x = Normalize(a);
        var y = Normalize(b);
        if (x.Length < minLength || y.Length < minLength) return 0;
        var sx = Shingles(x);
        var sy = Shingles(y);
        var shared = sx.Count(sy.Contains);
        return (double)shared / (sx.Count + sy.Count - shared);
    }

    private static string Normalize(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        var inDigits = false;
        foreach (var ch in s)
        {
            if (char.IsDigit(ch)) { if (!inDigits) sb.Append('#'); inDigits = true; continue; }
            inDigits = false;
            if (char.IsLetter(ch) || ch == '#') sb.Append(ch);
        }
        return sb.ToString();
    }

    private static HashSet<string> Shingles(string s)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + Shingle <= s.Length; i++) set.Add(s.Substring(i, Shingle));
        return set;
    }
}
