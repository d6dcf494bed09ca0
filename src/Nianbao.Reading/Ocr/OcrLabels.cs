using System.Text;
using Nianbao.Template;

namespace Nianbao.Reading.Ocr;

/// <summary>
/// Table labels read by OCR snapped to the template's wording: Tesseract misreads one character in a label
/// (合法 as 侣法) or doubles characters (要要求求), and recognition matches labels exactly. A cell whose text is
/// within a quarter of its length (edits) of exactly one template label, and nearer to it than to any other, is
/// replaced by that label; numbers are never touched.
/// </summary>
public static class OcrLabels
{
    private static readonly Lazy<string[]> Labels = new(() => TemplateCatalog.Default.Editions
        .SelectMany(e => e.Tables.SelectMany(t => t.Blocks.SelectMany(b =>
            b.Rows.SelectMany(r => r.Groups.Append(r.Label)).Concat(b.ColumnLabels).Concat(b.Header is { } h ? [h] : []))))
        .Where(l => l.Length >= 2).Select(LabelText.Normalize).Distinct().ToArray());

    /// <summary>The template label the text stands for, or null when none is near enough or two are equally near.</summary>
    public static string? Snap(string text)
    {
        var norm = LabelText.Normalize(text);
        if (norm.Length < 2 || !norm.Any(PdfLikeCjk)) return null;
        var undoubled = Undouble(norm);
        int best = int.MaxValue, second = int.MaxValue;
        string? label = null;
        foreach (var l in Labels.Value)
        {
            if (Math.Abs(l.Length - undoubled.Length) > l.Length / 4 && Math.Abs(l.Length - norm.Length) > l.Length / 4) continue;
            int d = Math.Min(Distance(norm, l), Distance(undoubled, l));
            if (d < best) { (second, best, label) = (best, d, l); }
            else if (d < second) second = d;
        }
        if (label is null || label == norm || best > label.Length / 4 || second <= best) return null;
        return label;
    }

    private static bool PdfLikeCjk(char c) => Pdf.PdfText.IsCjk(c);

    /// <summary>Each run of one repeated CJK character kept once ("要要求求" → "要求").</summary>
    private static string Undouble(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            if (sb.Length == 0 || sb[^1] != c || !PdfLikeCjk(c)) sb.Append(c);
        return sb.ToString();
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
