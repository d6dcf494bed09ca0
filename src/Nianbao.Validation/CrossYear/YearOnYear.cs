using System.Globalization;
using Nianbao.Template;

namespace Nianbao.Validation.CrossYear;

/// <summary>
/// X.W14: a metric that jumps between consecutive years beyond the thresholds of Data/metrics.json (<c>changes</c>).
/// A metric unknown or 不适用 in either year is skipped: a jump from or to "unknown" is not a jump.
/// </summary>
public static class YearOnYear
{
    public static IEnumerable<Finding> Jumps(AnnualReport previous, AnnualReport current, int previousYear)
    {
        var catalog = MetricCatalog.Default;
        foreach (var rule in catalog.Changes)
        {
            var def = catalog[rule.Metric];
            if (MetricCalculator.Compute(def, previous).Value is not { } p || MetricCalculator.Compute(def, current).Value is not { } a) continue;
            var message = rule.Test switch
            {
                "factor" when p > 0 && a > 0 && Math.Max(p, a) >= rule.AtLeast && Math.Max(p, a) >= rule.Factor * Math.Min(p, a) => "factor",
                "to_zero" when p >= rule.From && a == 0 => "to_zero",
                "points" when Math.Abs(a - p) >= rule.Points => "points",
                _ => null,
            };
            if (message is null) continue;
            var cells = def.Formulas.TryGetValue(current.Edition!.Value, out var f) ? f.Keys.ToList() : [];
            yield return Finding.Create("X.W14", message, Args.Of(
                    ("metric", def.Name), ("unit", def.Unit), ("previousYear", previousYear),
                    ("previous", MetricCalculator.Format(p, def)), ("actual", MetricCalculator.Format(a, def)),
                    ("factor", (rule.Factor ?? 0).ToString("0.##", CultureInfo.InvariantCulture)),
                    ("delta", MetricCalculator.Format(Math.Abs(a - p), def))),
                cells, MetricCalculator.Format(p, def), MetricCalculator.Format(a, def));
        }
    }
}
