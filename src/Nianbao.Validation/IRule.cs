using Nianbao.Template;

namespace Nianbao.Validation;

/// <summary>A family of checks over a recognised report (domain.md §9). Rules never change the report.</summary>
public interface IRule
{
    /// <summary>The rule ids this family can emit (all in Data/rules.json).</summary>
    IReadOnlyList<string> Ids { get; }

    IEnumerable<Finding> Check(AnnualReport report);
}

internal static class Args
{
    public static Dictionary<string, string> Of(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => Format(p.Value));

    public static string Format(object? v) => v switch
    {
        null => "",
        decimal d => d.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture),
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
