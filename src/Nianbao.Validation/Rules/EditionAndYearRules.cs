using Nianbao.Template;

namespace Nianbao.Validation.Rules;

/// <summary>H7 (edition matches the report year, domain.md §1) and H8 (title year = statistics-period year).</summary>
public sealed class EditionAndYearRules : IRule
{
    public IReadOnlyList<string> Ids { get; } = ["DOC.H7", "DOC.H8"];

    public IEnumerable<Finding> Check(AnnualReport report)
    {
        var catalog = TemplateCatalog.Default;
        if (report.Edition is { } edition && report.Year is { } year && catalog.EditionFor(year) is { } expected && edition != expected)
        {
            var args = Args.Of(("year", year));
            // Edition codes are the years they were issued: a smaller code is an older edition.
            if (catalog.Info(expected).EncouragedOnlyIn.Contains(year)) yield return Finding.Create("DOC.H7", "encouraged", args, severity: Severity.Warning);
            else if (edition < expected) yield return Finding.Create("DOC.H7", "old_edition", args);
            else yield return Finding.Create("DOC.H7", "future_edition", args);
        }
        if (report.TitleYear is { } ty && report.PeriodYear is { } py && ty != py)
            yield return Finding.Create("DOC.H8", "default", Args.Of(("titleYear", ty), ("periodYear", py)),
                expected: Args.Format(ty), actual: Args.Format(py));
    }
}
