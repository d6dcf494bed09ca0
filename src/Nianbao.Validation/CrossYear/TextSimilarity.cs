namespace Nianbao.Validation.CrossYear;

/// <summary>
/// How much of two texts is the same wording: Jaccard similarity of 4-character shingles over letters only,
/// with every digit run masked, so that "2023年受理12件" and "2024年受理15件" count as the same sentence.
/// </summary>
public static class TextSimilarity
{
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
            if (char.IsLetter(ch)) sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Each run of four UTF-16 units packed into one 64-bit number: exact, and no string per shingle.</summary>
    private static HashSet<ulong> Shingles(string s)
    {
        var set = new HashSet<ulong>(s.Length);
        ulong window = 0;
        for (var i = 0; i < s.Length; i++)
        {
            window = (window << 16) | s[i];
            if (i >= 3) set.Add(window);
        }
        return set;
    }
}
