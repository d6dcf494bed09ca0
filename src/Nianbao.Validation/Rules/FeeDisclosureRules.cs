using Nianbao.Template;

namespace Nianbao.Validation.Rules;

/// <summary>
/// W3 (2021 edition): applications dropped because a fee notice went unpaid (表三（六）2 &gt; 0) mean the agency
/// charged 信息处理费, which section 六 must report; a section 六 that never mentions fees is a warning.
/// </summary>
public sealed class FeeDisclosureRules : IRule
{
    private const string FeeRowTotal = "t3.other.overdue_fee.total";

    public IReadOnlyList<string> Ids { get; } = ["T3.W3"];

    public IEnumerable<Finding> Check(AnnualReport report)
    {
        if (report.Edition != Edition.E2021 || report.Value(FeeRowTotal) is not { } count || count <= 0) yield break;
        if (report.Sections.FirstOrDefault(s => s.Number == 6) is not { } six) yield break;
        var text = LabelText.Normalize(six.Text);
        if (TemplateCatalog.Default.Text.FeeWords.Any(w => text.Contains(LabelText.Label(w), StringComparison.Ordinal))) yield break;
        yield return Finding.Create("T3.W3", "default", Args.Of(("count", count)), [FeeRowTotal], line: six.Line);
    }
}
