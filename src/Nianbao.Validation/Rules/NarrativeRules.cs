using System.Text.RegularExpressions;
using Nianbao.Template;

namespace Nianbao.Validation.Rules;

/// <summary>
/// W2: a report that says it received no applications, or had no 行政复议/行政诉讼, must have the
/// matching table at zero.
/// </summary>
public sealed class NarrativeRules : IRule
{
    private static readonly Regex[] NoApplication = Compile(TemplateCatalog.Default.Text.NoApplicationPatterns);
    private static readonly Regex[] NoReview = Compile(TemplateCatalog.Default.Text.NoReviewPatterns);
    private static readonly Regex[] ReceivedCount = Compile(TemplateCatalog.Default.Text.ReceivedCountPatterns);

    public IReadOnlyList<string> Ids { get; } = ["T3.W1", "T3.W2", "T4.W2"];

    public IEnumerable<Finding> Check(AnnualReport report)
    {
        if (report.Edition is null) yield break;
        // The prose, white space removed, is read only when a table says there is something to contradict.
        string? flat = null;
        if (report.Value("t3.new_received.total") is > 0 and var received && FirstMatch(NoApplication, flat ??= Flatten(Prose(report))) is { } q3)
            yield return Finding.Create("T3.W2", "default", Args.Of(("quote", q3), ("actual", received)), ["t3.new_received.total"], actual: Args.Format(received));
        // W1, its clearest case: the overview states how many applications came in. It may count this year's
        // intake or intake plus carry-over; only a number matching neither is reported.
        if (report.Section(1) is { } overview && report.Value("t3.new_received.total") is { } intake && report.Value("t3.carried_over.total") is { } carried)
        {
            var flatOverview = Flatten(overview.Text);
            foreach (var p in ReceivedCount)
            {
                if (p.Match(flatOverview) is not { Success: true } m) continue;
                var stated = decimal.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (stated != intake && stated != intake + carried)
                    yield return Finding.Create("T3.W1", "default",
                        Args.Of(("quote", m.Value), ("expected", stated), ("actual", intake), ("total", intake + carried)),
                        ["t3.new_received.total", "t3.carried_over.total"], Args.Format(stated), Args.Format(intake));
                break;
            }
        }
        var t4Total = new[] { "t4.reconsideration.total", "t4.litigation_direct.total", "t4.litigation_after.total" };
        var cases = t4Total.Sum(k => report.Value(k) ?? 0);
        if (cases > 0 && FirstMatch(NoReview, flat ??= Flatten(Prose(report))) is { } q4)
            yield return Finding.Create("T4.W2", "default", Args.Of(("quote", q4), ("actual", cases)), t4Total, actual: Args.Format(cases));
    }

    /// <summary>The narrative sections (一、五、六) and any text before the first heading.</summary>
    private static string Prose(AnnualReport report)
    {
        var prose = report.Sections.Where(s => s.Number is 1 or 5 or 6).Select(s => s.Text);
        return report.Sections.Count == 0 ? report.FullText : string.Join("\n", prose);
    }

    private static string? FirstMatch(Regex[] patterns, string flat)
    {
        foreach (var p in patterns)
            if (p.Match(flat) is { Success: true } m) return m.Value;
        return null;
    }

    private static string Flatten(string text)
    {
        return string.Create(text.Length, text, static (span, t) =>
        {
            int n = 0;
            foreach (var c in t) if (!char.IsWhiteSpace(c)) span[n++] = c;
            span[n..].Fill(' ');
        }).TrimEnd();
    }

    // Interpreted: the patterns are data, and RegexOptions.Compiled emits IL at start-up (not precompiled by ReadyToRun)
    // that a run of a few files never wins back; each pattern runs once per report.
    private static Regex[] Compile(IEnumerable<string> patterns) => patterns.Select(p => new Regex(p)).ToArray();
}
