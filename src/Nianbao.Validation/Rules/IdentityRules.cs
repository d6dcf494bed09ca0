using Nianbao.Template;

namespace Nianbao.Validation.Rules;

/// <summary>
/// Who and when: W13 (title agency = signature agency), E15 (name, date or year missing) and W10
/// (published by the 第四十九条 deadline: 1月31日 for departments, 3月31日 for a 人民政府's report;
/// 乡镇/街道 have no statutory date, domain.md §8.2).
/// </summary>
public sealed class IdentityRules : IRule
{
    private static readonly TemplateText Text = TemplateCatalog.Default.Text;

    public IReadOnlyList<string> Ids { get; } = ["DOC.W13", "DOC.E15", "DOC.W10"];

    public IEnumerable<Finding> Check(AnnualReport report)
    {
        if (report.TitleAgency is { } title && report.SignatureAgency is { } sig
            && LabelText.Normalize(title) != LabelText.Normalize(sig))
            yield return Finding.Create("DOC.W13", "default", Args.Of(("title", title), ("signature", sig)), expected: title, actual: sig);
        if (report.TitleAgency is null && report.SignatureAgency is { } only)
            yield return Finding.Create("DOC.E15", "no_title", Args.Of(("agency", only)));
        if (report.Agency is null) yield return Finding.Create("DOC.E15", "no_agency", Args.Of());
        if (report.Year is null) yield return Finding.Create("DOC.E15", "no_year", Args.Of());
        if (report.Published is not { } published)
        {
            yield return Finding.Create("DOC.E15", "no_date", Args.Of());
            yield break;
        }
        if (report.Year is not { } year) yield break;
        if (published <= new DateOnly(year, 12, 31))
            yield return Finding.Create("DOC.W10", "early", Args.Of(("published", published), ("year", year)));
        else if (Deadline(report.Agency, year) is { } deadline && published > deadline)
            yield return Finding.Create("DOC.W10", "late", Args.Of(("published", published), ("deadline", deadline)),
                expected: Args.Format(deadline), actual: Args.Format(published));
    }

    private static DateOnly? Deadline(string? agency, int year)
    {
        if (agency is null) return null;
        if (Text.TownshipSuffixes.Any(s => agency.EndsWith(s, StringComparison.Ordinal))) return null;
        var kind = Text.GovernmentSuffixes.Any(s => agency.EndsWith(s, StringComparison.Ordinal)) ? "government" : "department";
        var md = Text.Deadlines[kind].Split('-');
        return new DateOnly(year + 1, int.Parse(md[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(md[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
