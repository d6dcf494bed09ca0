using Nianbao.Template;

namespace Nianbao.Validation;

/// <summary>
/// Makes an authored report's totals right by construction: every total the template defines as a sum (表三's
/// 总计 column and （七）总计 row, 表四's 总计 — H2, H3, H4) is computed from its parts; a total the author gave that
/// disagrees is not overwritten but reported (AUTH.TOTAL), naming the cell and both values.
/// </summary>
public static class TotalsCompleter
{
    private static readonly HashSet<string> SumRules = ["T3.H2", "T3.H3", "T4.H4"];

    /// <summary>True for the rules whose equations define a total as a sum (H2, H3, H4).</summary>
    public static bool IsSumRule(string ruleId) => SumRules.Contains(ruleId);

    /// <summary>The equations that define a total as the sum of its parts (the total is the one positive term).</summary>
    public static IEnumerable<Equation> SumEquations(EditionTemplate t) =>
        t.Equations.Where(e => SumRules.Contains(e.RuleId) && e.Terms.Count(x => x.Sign > 0) == 1);

    /// <summary>The cells an author leaves to the program.</summary>
    public static IReadOnlySet<string> TotalKeys(EditionTemplate t) =>
        SumEquations(t).Select(e => e.Terms.Single(x => x.Sign > 0).Key).ToHashSet();

    public static (AnnualReport Report, IReadOnlyList<Finding> Conflicts) Complete(AnnualReport report)
    {
        if (report.Edition is not { } edition) return (report, []);
        var t = TemplateCatalog.Default[edition];
        var sums = SumEquations(t).ToList();
        var cells = report.Cells.ToDictionary(kv => kv.Key, kv => kv.Value);
        var totals = TotalKeys(t);
        // Every total from the leaves alone (a wrong total given by the author must not spread into the totals
        // built on it): totals feed other totals (表三 （七）总计 × 总计 column), so repeat until nothing changes.
        var computed = new Dictionary<string, (decimal Value, Equation Equation)>();
        decimal? Known(string key) => totals.Contains(key) ? computed.TryGetValue(key, out var c) ? c.Value : null : cells[key].Value;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var e in sums)
            {
                var total = e.Terms.Single(x => x.Sign > 0).Key;
                if (computed.ContainsKey(total)) continue;
                var parts = e.Terms.Where(x => x.Sign < 0).Select(x => Known(x.Key)).ToList();
                if (parts.Any(p => p is null)) continue;
                computed[total] = (parts.Sum(p => p!.Value), e);
                changed = true;
            }
        }
        var conflicts = new List<Finding>();
        foreach (var (total, (value, equation)) in computed)
        {
            if (cells[total].Value is not { } given)
                cells[total] = new CellValue(value, CellStatus.Resolved, new Provenance("computed", 0, 0), cells[total].Unit);
            else if (given != value)
                conflicts.Add(Finding.Create("AUTH.TOTAL", "default", new Dictionary<string, string>
                {
                    ["cell"] = CellNames.Describe(t, [total]),
                    ["given"] = Args.Format(given),
                    ["computed"] = Args.Format(value),
                }, [total, .. equation.Terms.Where(x => x.Sign < 0).Select(x => x.Key)], Args.Format(value), Args.Format(given)));
        }
        return (report with { Cells = t.Cells.ToDictionary(c => c.Key, c => cells[c.Key]) }, conflicts);
    }
}
