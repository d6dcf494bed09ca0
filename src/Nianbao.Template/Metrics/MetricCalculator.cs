using System.Globalization;

namespace Nianbao.Template;

/// <summary>A metric's value for one report version; null with a 简体中文 reason when it is 不适用 or unknown.</summary>
public sealed record MetricValue(string Key, decimal? Value, string? Reason)
{
    /// <summary>The value as shown to people: the number with its unit, else why there is none.</summary>
    public string Display(MetricDef def) => Value is { } v ? MetricCalculator.Format(v, def) + def.Unit : Missing(Reason);

    /// <summary>
    /// 不适用 when the metric has no meaning for the report (0 denominator, edition without the cells); 无法计算 when it
    /// has one but a cell is unknown — a reviewer can fix the second, not the first.
    /// </summary>
    public static string Missing(string? reason) =>
        (reason is not null && (reason == MetricCalculator.ZeroDenominator || reason.EndsWith("无此项", StringComparison.Ordinal))
            ? "不适用" : "无法计算") + "（" + reason + "）";
}

/// <summary>
/// Computes every metric of the dictionary from a report's cells. Never a guessed number: an unreadable cell, a
/// metric the edition does not have, a 0 denominator or a fee amount printed in another unit each give null with the
/// reason. Rates are percentages rounded half away from zero to 2 decimals.
/// </summary>
public static class MetricCalculator
{
    public const int RateDecimals = 2;

    /// <summary>The reason of a rate whose denominator is 0: 不适用, never 0 % and never 100 %.</summary>
    public const string ZeroDenominator = "分母为0";

    public static IReadOnlyList<MetricValue> Compute(AnnualReport report) =>
        MetricCatalog.Default.Metrics.Select(m => Compute(m, report)).ToList();

    public static MetricValue Compute(MetricDef def, AnnualReport report)
    {
        if (report.Edition is not { } edition) return new(def.Key, null, "报告格式版本未能识别");
        if (!def.Formulas.TryGetValue(edition, out var f)) return new(def.Key, null, $"{edition.Code()}年版格式无此项");
        var t = TemplateCatalog.Default[edition];
        decimal? Sum(IReadOnlyList<string> keys, out string? why)
        {
            why = null;
            var total = 0m;
            foreach (var key in keys)
            {
                if (!report.Cells.TryGetValue(key, out var cell) || cell.Value is not { } v)
                {
                    why = $"{CellNames.Describe(t, [key])}未能读取";
                    return null;
                }
                // Amounts printed in another unit are not converted: that would be a guess about what was meant.
                if (def.Unit == "万元" && cell.Unit is { Length: > 0 } u && u != "万元" && v != 0)
                {
                    why = $"{CellNames.Describe(t, [key])}的单位为{u}，不是万元";
                    return null;
                }
                total += v;
            }
            return total;
        }
        if (Sum(f.Numerator, out var whyN) is not { } n) return new(def.Key, null, whyN);
        if (f.Denominator is null) return new(def.Key, n, null);
        if (Sum(f.Denominator, out var whyD) is not { } d) return new(def.Key, null, whyD);
        if (d == 0) return new(def.Key, null, ZeroDenominator);
        return new(def.Key, Math.Round(n * 100 / d, RateDecimals, MidpointRounding.AwayFromZero), null);
    }

    /// <summary>Invariant text: counts as integers, rates with their 2 decimals, amounts as stored.</summary>
    public static string Format(decimal v, MetricDef def) =>
        def.IsRate ? v.ToString("0.00", CultureInfo.InvariantCulture) : v.ToString("0.##########", CultureInfo.InvariantCulture);
}
