using System.Text;

namespace Nianbao.Reading.Ocr;

/// <summary>
/// Letters Tesseract reads in place of digits (0/O/o/D, 1/l/I/|, 5/S, 8/B, 6/b, 2/Z), mapped back inside a text
/// that is otherwise a number. Only a whole grid cell or a whole word is mapped: "lO" in a number column is 10,
/// the same letters inside a label or a sentence stay letters.
/// </summary>
public static class OcrDigits
{
    private static readonly Dictionary<char, char> Confusions = new()
    {
        ['O'] = '0', ['o'] = '0', ['D'] = '0', ['Q'] = '0', ['〇'] = '0',
        ['l'] = '1', ['I'] = '1', ['|'] = '1', ['丨'] = '1',
        ['S'] = '5', ['s'] = '5',
        ['B'] = '8',
        ['b'] = '6',
        ['Z'] = '2', ['z'] = '2',
        ['，'] = ',', ['。'] = '.', ['．'] = '.',
    };

    /// <summary>
    /// The number a text stands for when every character is a digit, a confusable letter, a separator or a space
    /// (spaces dropped: Tesseract splits a number at a wide glyph gap); otherwise the text unchanged.
    /// </summary>
    /// <param name="cell">A whole grid cell, which may be a number with no real digit in it ("O" for 0); a word in a line needs one.</param>
    public static string Normalise(string text, bool cell)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return text;
        bool digit = false, changed = false;
        var sb = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (c is >= '0' and <= '9') { digit = true; sb.Append(c); }
            else if (c is ',' or '.' or '-' or '+') sb.Append(c);
            else if (char.IsWhiteSpace(c)) changed = true;
            else if (Confusions.TryGetValue(c, out var d)) { sb.Append(d); changed = true; }
            else return text;
        }
        // Separators alone, or letters with no digit outside a cell, are not a misread number.
        if (!changed || !sb.ToString().Any(char.IsAsciiDigit) || (!digit && !cell)) return text;
        // A sign or separator only at the ends of a number: "S-B" is not a number and stays text.
        var s = sb.ToString();
        if (s.Skip(1).Any(c => c is '-' or '+')) return text;
        return s;
    }

    /// <summary>Every whitespace-separated word of a text line that is a misread number, mapped.</summary>
    public static string NormaliseWords(string line) =>
        string.Join(' ', line.Split(' ').Select(w => w.Length == 0 ? w : Normalise(w, cell: false)));
}
