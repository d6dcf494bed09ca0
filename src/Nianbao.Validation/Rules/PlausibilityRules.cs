using Nianbao.Template;

namespace Nianbao.Validation.Rules;

/// <summary>W4 (carry-forward ≤ intake), W5 (（七）总计 = 0 with work to do) and W8 (2019: 本年新公开 ≤ 对外公开总数).</summary>
public sealed class PlausibilityRules : IRule
{
    public IReadOnlyList<string> Ids { get; } = ["T3.W4", "T3.W5", "T2.W8"];

    public IEnumerable<Finding> Check(AnnualReport report)
    {
        if (report.Edition is not { } edition) yield break;
        var t = TemplateCatalog.Default[edition];
        foreach (var cell in t.Table(3).Rows.First().Cells)
        {
            var col = cell.Key[(cell.Key.LastIndexOf('.') + 1)..];
            var label = cell.ColumnLabel;
            var newReceived = report.Value($"t3.new_received.{col}");
            var carriedOver = report.Value($"t3.carried_over.{col}");
            var forward = report.Value($"t3.carried_forward.{col}");
            var total = report.Value($"t3.total.{col}");
            if (forward is { } f && newReceived is { } n && f > n)
                yield return Finding.Create("T3.W4", "default", Args.Of(("column", label), ("actual", f), ("expected", n)),
                    [$"t3.carried_forward.{col}", $"t3.new_received.{col}"], Args.Format(n), Args.Format(f));
            if (total == 0 && newReceived is { } n2 && carriedOver is { } c && n2 + c > 0)
                yield return Finding.Create("T3.W5", "default", Args.Of(("column", label), ("expected", n2 + c)),
                    [$"t3.total.{col}", $"t3.new_received.{col}", $"t3.carried_over.{col}"], Args.Format(n2 + c), "0");
        }
        // W8 holds in every edition whose table 2 has 本年新公开 and 对外公开总数 (the 2019 edition's rows).
        foreach (var row in t.Table(2).Rows)
        {
            var published = row.Cells.FirstOrDefault(c => c.Key.EndsWith(".new_published", StringComparison.Ordinal));
            var total = row.Cells.FirstOrDefault(c => c.Key.EndsWith(".total_published", StringComparison.Ordinal));
            if (published is null || total is null) continue;
            if (report.Value(published.Key) is { } p && report.Value(total.Key) is { } tot && p > tot)
                yield return Finding.Create("T2.W8", "default", Args.Of(("row", row.Label), ("actual", p), ("expected", tot)),
                    [published.Key, total.Key], Args.Format(tot), Args.Format(p));
        }
    }
}
