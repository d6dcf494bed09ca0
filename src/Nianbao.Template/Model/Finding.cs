namespace Nianbao.Template;

/// <summary>
/// One validation or reading result, shaped like FluentValidation's ValidationFailure: rule id,
/// severity, the cells involved, expected and actual values, and a 简体中文 message.
/// </summary>
public sealed record Finding(
    string Rule,
    Severity Severity,
    string Message,
    IReadOnlyList<string> Cells,
    string? Expected = null,
    string? Actual = null,
    int? Line = null)
{
    /// <summary>Builds a finding from the rule catalogue: severity and message come from Data/rules.json.</summary>
    public static Finding Create(string ruleId, string messageId, IReadOnlyDictionary<string, string> args,
        IReadOnlyList<string>? cells = null, string? expected = null, string? actual = null, int? line = null,
        Severity? severity = null)
    {
        var rules = TemplateCatalog.Default.Rules;
        return new Finding(ruleId, severity ?? rules[ruleId].Severity, rules.Format(ruleId, messageId, args),
            cells ?? [], expected, actual, line);
    }
}
