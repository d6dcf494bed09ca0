using Nianbao.Template;

namespace Nianbao.Validation.Rules;

/// <summary>H1–H4 and the 2019 list rule: the template's equations, evaluated where every cell is known.</summary>
public sealed class ArithmeticRules : IRule
{
    public IReadOnlyList<string> Ids { get; } = ["T3.H1", "T3.H2", "T3.H3", "T4.H4", "T2.H5"];

    public IEnumerable<Finding> Check(AnnualReport report)
    {
        if (report.Edition is not { } edition) yield break;
        Func<string, decimal?> value = report.Value;
        foreach (var eq in TemplateCatalog.Default[edition].Equations)
        {
            if (eq.Sides(value) is not var (left, right)) continue;
            if (eq.Holds(left, right)) continue;
            var args = new Dictionary<string, string>(eq.Context)
            {
                ["lhs"] = Args.Format(left), ["rhs"] = Args.Format(right),
                ["actual"] = Args.Format(eq.Relation == Relation.AtLeastZero ? left - right : left),
                ["expected"] = Args.Format(right),
            };
            if (eq.Relation == Relation.AtLeastZero)
            {
                args["prev"] = Args.Format(report.Value(eq.Terms[0].Key));
                args["change"] = Args.Format(report.Value(eq.Terms[1].Key));
            }
            yield return Finding.Create(eq.RuleId, "default", args, eq.Keys.ToList(),
                expected: args["expected"], actual: args["actual"],
                line: eq.Keys.Select(k => report.Cells.GetValueOrDefault(k)?.Source?.Line).FirstOrDefault(l => l is not null));
        }
    }
}
