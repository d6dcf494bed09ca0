using DocumentFormat.OpenXml.Wordprocessing;

namespace Nianbao.Reading;

/// <summary>
/// Renders the number Word shows before a list paragraph (<c>二、</c>, <c>2.</c>, <c>（三）</c>): the level's
/// <c>w:lvlText</c> with each <c>%n</c> replaced by that level's counter in its format. Counters run per
/// numbering instance and restart below a higher level, as Word does; formats other than decimal and the
/// Chinese ones are rendered as decimal. The numbering part is loaded when the first numbered paragraph needs it
/// (most reports have none, and Word's numbering.xml is tens of KB).
/// </summary>
internal sealed class ListNumbering(Func<Numbering?> load)
{
    private readonly Dictionary<int, int[]> _counters = [];
    private Numbering? _numbering;
    private bool _loaded;

    private const string Digits = "零一二三四五六七八九";

    /// <summary>The label of a paragraph whose numbering (<c>w:numPr</c>) names <paramref name="numberingId"/> and <paramref name="levelIndex"/>.</summary>
    public string Label(DocumentFormat.OpenXml.Int32Value? numberingId, DocumentFormat.OpenXml.Int32Value? levelIndex)
    {
        if (numberingId?.Value is not int numId || numId == 0) return "";
        if (!_loaded)
        {
            _numbering = load();
            _loaded = true;
        }
        if (_numbering is not { } numbering) return "";
        int level = levelIndex?.Value ?? 0;
        var instance = numbering.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
        var abstractId = instance?.AbstractNumId?.Val?.Value;
        var abstractNum = numbering.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId);
        if (abstractNum is null || level is < 0 or > 8) return "";
        var counters = _counters.TryGetValue(numId, out var c) ? c : _counters[numId] = new int[9];
        counters[level]++;
        for (int deeper = level + 1; deeper < 9; deeper++) counters[deeper] = 0;
        var levels = abstractNum.Elements<Level>().ToDictionary(l => l.LevelIndex?.Value ?? 0);
        if (!levels.TryGetValue(level, out var lvl)) return "";
        var text = lvl.LevelText?.Val?.Value ?? "";
        for (int k = 0; k <= level; k++)
        {
            int start = levels.TryGetValue(k, out var lk) ? lk.StartNumberingValue?.Val?.Value ?? 1 : 1;
            var format = levels.TryGetValue(k, out var lf) ? lf.NumberingFormat?.Val?.Value : null;
            text = text.Replace("%" + (k + 1), Format(Math.Max(counters[k], 1) + start - 1, format), StringComparison.Ordinal);
        }
        return text;
    }

    private static string Format(int n, NumberFormatValues? format)
    {
        if (format == NumberFormatValues.ChineseCounting || format == NumberFormatValues.ChineseCountingThousand
            || format == NumberFormatValues.IdeographTraditional || format == NumberFormatValues.TaiwaneseCounting)
            return Chinese(n);
        return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (list numbers stay small).</summary>
    private static string Chinese(int n)
    {
        if (n <= 0 || n >= 100) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (n < 10) return Digits[n].ToString();
        var tens = n / 10 == 1 ? "十" : Digits[n / 10] + "十";
        return n % 10 == 0 ? tens : tens + Digits[n % 10];
    }
}
