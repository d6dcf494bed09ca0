using System.Text.RegularExpressions;
using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>What a number, a blank marker and a unit look like once normalised (LabelText.Normalize).</summary>
internal static partial class NumberSyntax
{
    private static readonly string[] Units = TemplateCatalog.Default.Text.Units.Select(LabelText.Normalize).OrderByDescending(u => u.Length).ToArray();
    private static readonly HashSet<string> Blanks = TemplateCatalog.Default.Text.BlankMarkers.Select(LabelText.Normalize).ToHashSet();

    /// <summary>
    /// <c>^[+-]?\d+(\.\d+)?$</c> by hand (it runs on every fragment and token): <c>\d</c> is any Unicode decimal
    /// digit, as <see cref="char.IsDigit(char)"/>, and <c>$</c> also matches before one final line feed.
    /// </summary>
    private static bool IsPlainNumber(ReadOnlySpan<char> s)
    {
        int i = 0;
        if (i < s.Length && s[i] is '+' or '-') i++;
        int digits = i;
        while (i < s.Length && char.IsDigit(s[i])) i++;
        if (i == digits) return false;
        if (i < s.Length && s[i] == '.' && i + 1 < s.Length && char.IsDigit(s[i + 1]))
        {
            i++;
            while (i < s.Length && char.IsDigit(s[i])) i++;
        }
        return i == s.Length || (i == s.Length - 1 && s[i] == '\n');
    }

    [GeneratedRegex(@"^(?<n>[+-]?\d{1,3}(,\d{3})+(\.\d+)?)(?<u>\D*)$")]
    private static partial Regex Thousands();

    /// <summary>A whole fragment such as <c>1,234,567.89元</c>: one number with thousands separators.</summary>
    public static bool TryThousands(string norm, out string number, out string? unit)
    {
        // No separator, no match: most fragments are words, and the regex would allocate a failed match for each.
        if (!norm.Contains(',', StringComparison.Ordinal))
        {
            (number, unit) = ("", null);
            return false;
        }
        var m = Thousands().Match(norm);
        number = m.Success ? m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal) : "";
        unit = m.Success && m.Groups["u"].Length > 0 ? m.Groups["u"].Value : null;
        return m.Success && (unit is null || Units.Contains(unit));
    }

    public static bool IsBlankMarker(string norm) => Blanks.Contains(norm);

    /// <summary>A unit that starts at <paramref name="index"/>, or null.</summary>
    public static string? UnitAt(string s, int index)
    {
        foreach (var u in Units)
            if (string.CompareOrdinal(s, index, u, 0, u.Length) == 0) return u;
        return null;
    }

    /// <summary>A fragment that is a number (optionally with a unit) or a blank marker, and nothing else.</summary>
    public static bool IsNumericFragment(string norm)
    {
        if (IsBlankMarker(norm) || TryThousands(norm, out _, out _)) return true;
        int end = norm.Length;
        while (end > 0 && !LabelText.IsDigit(norm[end - 1])) end--;
        if (end == 0) return false;
        var unit = norm[end..];
        return (unit.Length == 0 || Units.Contains(unit)) && IsPlainNumber(norm.AsSpan(0, end));
    }

    /// <summary>A printed value read leniently: any decimal, whatever its type (validation flags a wrong sign).</summary>
    public static decimal? ParseLenient(string text) => IsPlainNumber(text) ? LabelText.ParseNumber(text) : null;

    /// <summary>A part cut from a run of collapsed digits must look like a number of the cell's type, without leading zeros.</summary>
    public static decimal? ParseStrict(ReadOnlySpan<char> text, CellType type)
    {
        if (text.IsEmpty) return null;
        bool negative = false;
        if (text[0] is '+' or '-')
        {
            if (type != CellType.Signed) return null;
            negative = text[0] == '-';
            text = text[1..];
        }
        int dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        if (whole.IsEmpty || (whole.Length > 1 && whole[0] == '0')) return null;
        foreach (var c in whole) if (!LabelText.IsDigit(c)) return null;
        decimal value = 0;
        foreach (var c in whole) value = value * 10 + (c - '0');
        if (dot >= 0)
        {
            if (type != CellType.Amount) return null;
            var fraction = text[(dot + 1)..];
            if (fraction.IsEmpty) return null;
            decimal scale = 1;
            foreach (var c in fraction)
            {
                if (!LabelText.IsDigit(c)) return null;
                scale /= 10;
                value += (c - '0') * scale;
            }
        }
        return negative ? -value : value;
    }
}
