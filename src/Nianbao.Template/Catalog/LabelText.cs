using System.Globalization;
using System.Text;

namespace Nianbao.Template;

/// <summary>
/// The one normalisation under which labels are compared (domain.md §6 "Matching rule"): NFKC, no
/// white space, one form for brackets, quotes, list separators and dashes. Works char by char so a
/// reader can keep a map from every normalised char back to its source position.
/// </summary>
public static class LabelText
{
    /// <summary>
    /// Every char's normalised form, filled on first use: building all 65,536 up front (an ICU NFKC call each)
    /// cost every process start tens of milliseconds, and a document uses a few hundred distinct chars.
    /// Two threads filling the same entry store equal strings, so no lock is needed.
    /// </summary>
    private static readonly string?[] Table = new string?[char.MaxValue + 1];

    /// <summary>The normalised form of one source char: usually one char, sometimes none or several.</summary>
    public static string Map(char c) => Table[c] ?? Fill(c);

    private static string Fill(char c) => Table[c] = char.IsSurrogate(c) ? c.ToString() : MapOne(c);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> LabelCache = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="Normalize"/> for the template's own labels, memoised: the same few hundred labels are
    /// looked up in every report. Never use it for document text (the cache would grow without bound).
    /// </summary>
    public static string Label(string label) => LabelCache.GetOrAdd(label, Normalize);

    public static string Normalize(string text)
    {
        int i = 0;
        while (i < text.Length && Map(text[i]) is { Length: 1 } m && m[0] == text[i]) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++) sb.Append(Map(text[i]));
        return sb.ToString();
    }

    private static string MapOne(char c)
    {
        if (char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF' || char.IsControl(c)) return "";
        switch (c)
        {
            case '“': case '”': case '„': case '‟': case '‘': case '’': case '「': case '」': case '『': case '』': return "\"";
            case '、': case '，': case ',': case '﹐': case '﹑': return ",";
            case '—': case '–': case '－': case '‐': case '‑': case '‒': case '―': case '−': return "-";
            case '〔': case '【': case '［': return "(";
            case '〕': case '】': case '］': return ")";
            case '：': return ":";
            case '；': return ";";
            case '。': return "。";
        }
        string s;
        try { s = c.ToString().Normalize(NormalizationForm.FormKC); }
        catch (ArgumentException) { return c.ToString(); }
        if (s.Length == 1 && s[0] != c) return MapOne(s[0]) is { Length: > 0 } m ? m : s;
        var sb = new StringBuilder();
        foreach (var ch in s) sb.Append(char.IsWhiteSpace(ch) ? "" : ch == c ? ch.ToString() : MapOne(ch));
        return sb.ToString();
    }

    /// <summary>True for a char of a number as printed after normalisation (digits, sign, decimal point).</summary>
    public static bool IsNumberChar(char c) => c is >= '0' and <= '9' or '.' or '+' or '-';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>Parses an invariant decimal; null if it is not one.</summary>
    public static decimal? ParseNumber(string s) =>
        decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
}
