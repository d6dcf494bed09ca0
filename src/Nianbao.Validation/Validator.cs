using Nianbao.Template;
using Nianbao.Validation.Rules;

namespace Nianbao.Validation;

/// <summary>Runs every rule family over a report and returns it with the findings appended.</summary>
public static class Validator
{
    /// <summary>The rule families, in the order their findings are listed.</summary>
    public static readonly IReadOnlyList<IRule> Rules =
    [
        new ArithmeticRules(),
        new CellSignRules(),
        new StructureRules(),
        new EditionAndYearRules(),
        new IdentityRules(),
        new NarrativeRules(),
        new PlausibilityRules(),
        new FeeDisclosureRules(),
    ];

    static Validator() =>
        TemplateCatalog.Default.Rules.Require(Rules.SelectMany(r => r.Ids).Concat(CrossYear.CrossYearRules.Ids), "the rule families");

    /// <summary>Only the rules on the tables (arithmetic, signs, plausibility): for computed reports such as a regional summary, which has no prose.</summary>
    public static AnnualReport ValidateTables(AnnualReport report) =>
        report with { Findings = [.. report.Findings, .. Rules.Where(r => r is ArithmeticRules or CellSignRules or PlausibilityRules).SelectMany(r => r.Check(report))] };

    public static AnnualReport Validate(AnnualReport report) =>
        report with { Findings = [.. report.Findings, .. Rules.SelectMany(r => r.Check(report))] };
}
