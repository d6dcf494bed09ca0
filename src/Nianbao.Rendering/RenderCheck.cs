using Nianbao.Template;
using Nianbao.Validation;

namespace Nianbao.Rendering;

/// <summary>
/// Before a report is rendered: totals computed from the leaves, then the same rules as <c>check</c> on what will be
/// printed (all six sections, as the renderer always prints them). Errors refuse the rendering; warnings are shown.
/// </summary>
public static class RenderCheck
{
    public sealed record Result(AnnualReport Report, IReadOnlyList<Finding> Findings)
    {
        public bool Refused => Findings.Any(f => f.Severity == Severity.Error);
    }

    public static Result Prepare(AnnualReport input)
    {
        var (completed, conflicts) = TotalsCompleter.Complete(input);
        var text = TemplateCatalog.Default.Text;
        // The rendered document has every heading, in template order (sections 二–四 are its tables).
        var sections = text.Sections.Select(def => new SectionText(def.Number, def.Heading, def.Number, completed.Section(def.Number)?.Text ?? "")).ToList();
        var checkedReport = Validator.Validate(completed with { Sections = sections, Findings = [] });
        // A total the author got wrong is named once, by AUTH.TOTAL, not again by the sum rules it breaks.
        var wrongTotals = conflicts.Select(c => c.Cells[0]).ToHashSet();
        var unknown = completed.Cells.Where(kv => kv.Value.Value is null).Select(kv => kv.Key).ToList();
        var missing = unknown.Count == 0 || completed.Edition is not { } edition ? []
            : new[] { Finding.Create("AUTH.MISSING", "default",
                new Dictionary<string, string> { ["cells"] = CellNames.Describe(TemplateCatalog.Default[edition], unknown) }, unknown) };
        var findings = missing.Concat(conflicts).Concat(checkedReport.Findings.Where(f => f.Severity != Severity.Info &&
            !(TotalsCompleter.IsSumRule(f.Rule) && f.Cells.Any(wrongTotals.Contains)))).ToList();
        return new Result(completed, findings);
    }
}
