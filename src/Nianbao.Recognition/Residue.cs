using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>A number (or blank) found between labels.</summary>
/// <param name="Text">Normalised digits with sign and decimal point, e.g. <c>320000032</c>, <c>-10</c>; "0" for a blank.</param>
/// <param name="Index">Stream index of its first char.</param>
/// <param name="Row">Physical row (source line or grid row) it sits on.</param>
internal sealed record Token(string Text, bool Blank, int Index, int Row, string? Unit, string Raw)
{
    /// <summary>False when the token is certainly one value (a whole grid cell, or a number standing alone on an ordinary line).</summary>
    public bool Splittable { get; init; } = true;
}

/// <summary>
/// Turns the stream between two labels into tokens. Known non-row labels (column headers, group
/// labels, notes) are masked first; what is neither a label, a number, a unit nor a blank is
/// "foreign" text (narrative, page chrome).
/// </summary>
internal static class Residue
{
    /// <summary>One item of a residue in stream order: a token, or a run of foreign text.</summary>
    internal readonly record struct Item(Token? Token, int ForeignAt);

    /// <summary>Marks every occurrence of a known label in [from, to); index 0 of the result is <paramref name="from"/>.</summary>
    public static bool[] MaskLabels(FragmentStream s, int from, int to, IReadOnlyList<string> knownLabels)
    {
        var masked = new bool[Math.Max(0, to - from)];
        foreach (var label in knownLabels)
            foreach (var at in LabelFinder.AllExact(s, label, from, to))
                Array.Fill(masked, true, at - from, label.Length);
        return masked;
    }

    public static List<Item> Scan(FragmentStream s, int from, int to, IReadOnlyList<string> knownLabels) =>
        Scan(s, from, to, MaskLabels(s, from, to, knownLabels), from);

    /// <param name="masked">Known-label mask of a region that contains [from, to).</param>
    /// <param name="maskStart">Stream index of <paramref name="masked"/>[0].</param>
    public static List<Item> Scan(FragmentStream s, int from, int to, bool[] masked, int maskStart)
    {
        var items = new List<Item>();
        if (from >= to) return items;
        int shift = maskStart;
        int i = from;
        while (i < to)
        {
            if (masked[i - shift]) { i++; continue; }
            var f = s.FragmentAt(i);
            int fragEnd = Math.Min(f.End, to);
            if (f.IsEmptyCell)
            {
                items.Add(new Item(new Token("0", true, i, f.Row, null, ""), -1));
                i = fragEnd;
                continue;
            }
            // A whole fragment that is a blank marker (-, /, 无 …).
            if (i == f.Start && fragEnd == f.End && NumberSyntax.IsBlankMarker(f.Norm) && !AnyMasked(masked, shift, i, fragEnd))
            {
                items.Add(new Item(new Token("0", true, i, f.Row, null, f.Raw), -1));
                i = fragEnd;
                continue;
            }
            if (i == f.Start && fragEnd == f.End && !AnyMasked(masked, shift, i, fragEnd) && NumberSyntax.TryThousands(f.Norm, out var number, out var thousandsUnit))
            {
                items.Add(new Item(new Token(number, false, i, f.Row, thousandsUnit, f.Raw) { Splittable = false }, -1));
                i = fragEnd;
                continue;
            }
            char c = s.Chars[i];
            if (LabelText.IsDigit(c) || ((c is '+' or '-') && i + 1 < fragEnd && LabelText.IsDigit(s.Chars[i + 1]) && !masked[i + 1 - shift]))
            {
                int j = i + 1;
                while (j < fragEnd && !masked[j - shift] && LabelText.IsNumberChar(s.Chars[j])) j++;
                // A trailing '.' or sign belongs to the next label ("5." of "5.要求…") or is punctuation.
                while (j > i + 1 && s.Chars[j - 1] is '.' or '+' or '-') j--;
                var text = s.Chars[i..j];
                string? unit = j < fragEnd ? NumberSyntax.UnitAt(s.Chars, j) : null;
                if (unit is not null && j + unit.Length > fragEnd) unit = null;
                int after = j + (unit?.Length ?? 0);
                bool whole = i == f.Start && after == f.End;
                items.Add(new Item(new Token(text, false, i, f.Row, unit, f.Raw) { Splittable = !(whole && s.IsAtomic(f)) }, -1));
                i = after;
                continue;
            }
            // Foreign text: one item per run.
            int start = i;
            while (i < fragEnd && !masked[i - shift] && !LabelText.IsDigit(s.Chars[i])) i++;
            if (i == start) i++;
            items.Add(new Item(null, start));
        }
        return items;
    }

    private static bool AnyMasked(bool[] masked, int from, int a, int b)
    {
        for (int k = a; k < b; k++) if (masked[k - from]) return true;
        return false;
    }
}
