using Nianbao.Template;

namespace Nianbao.Validation;

/// <summary>A family of checks over a recognised report (domain.md §9). Rules never change the report.</summary>
public interface IRule
{
    /// <summary>The rule ids this family can emit (all in Data/rules.json).</summary>
    IReadOnlyList<string> Ids { get; }

    IEnumerable<Finding> Check(AnnualReport report);
}
