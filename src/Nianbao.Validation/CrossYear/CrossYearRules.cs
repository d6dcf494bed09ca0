using Nianbao.Template;

namespace Nianbao.Validation.CrossYear;

/// <summary>
/// Relations between one agency's reports of consecutive years (domain.md §9.2 S1–S3, §9.3 W11, and the
/// metric jumps W14 of Data/metrics.json). A cell that
/// either year could not read is skipped, never assumed.
/// </summary>
public static class CrossYearRules
{
    public static readonly IReadOnlyList<string> Ids = ["X.S1", "X.S2", "X.S3", "X.W11", "X.W14"];

    /// <summary>Identical tables are suspicious only when they carry real activity; all-zero years repeat legitimately.</summary>
    public const int MinNonZeroForIdenticalTables = 3;

    /// <summary>Share of shared 4-character shingles (digits masked) above which a section counts as copied.</summary>
    public const double CopiedTextSimilarity = 0.9;

    /// <summary>Shorter sections ("无。") are alike by nature.</summary>
    public const int MinTextLength = 60;

    /// <summary>Findings for <paramref name="current"/> against the same agency's report of the year before.</summary>
    public static IEnumerable<Finding> Check(AnnualReport previous, AnnualReport current)
    {
        if (previous.Year is not { } py || current.Year != py + 1) yield break;
        foreach (var f in CarryOver(previous, current, py)) yield return f;
        // Which continuity relations hold between two reports of one edition is data (editions.json "continuity").
        if (current.Edition is { } edition && previous.Edition == edition)
        {
            var continuity = TemplateCatalog.Default.Info(edition).Continuity;
            if (continuity.Contains("X.S2"))
                foreach (var f in StockContinuity(previous, current, py, edition)) yield return f;
            if (continuity.Contains("X.S3"))
                foreach (var f in ListContinuity(previous, current, py, edition)) yield return f;
        }
        foreach (var f in SameContent(previous, current, py)) yield return f;
        foreach (var f in YearOnYear.Jumps(previous, current, py)) yield return f;
    }

    /// <summary>S1: this year's 上年结转 equals last year's 结转下年度, column by column.</summary>
    private static IEnumerable<Finding> CarryOver(AnnualReport previous, AnnualReport current, int py)
    {
        if (current.Edition is not { } edition) yield break;
        foreach (var cell in TemplateCatalog.Default[edition].Table(3).Rows.First().Cells)
        {
            var col = cell.Key[(cell.Key.LastIndexOf('.') + 1)..];
            string now = $"t3.carried_over.{col}", before = $"t3.carried_forward.{col}";
            if (current.Value(now) is { } a && previous.Value(before) is { } e && a != e)
                yield return Finding.Create("X.S1", "default",
                    Args.Of(("column", cell.ColumnLabel), ("actual", a), ("expected", e), ("previousYear", py)),
                    [now], Args.Format(e), Args.Format(a));
        }
    }

    /// <summary>S2 (2021 edition): 现行有效件数 = last year's + 本年制发 − 本年废止, in every table-2 row that has the three.</summary>
    private static IEnumerable<Finding> StockContinuity(AnnualReport previous, AnnualReport current, int py, Edition edition)
    {
        var t = TemplateCatalog.Default[edition];
        foreach (var row in t.Table(2).Rows)
        {
            var inForce = row.Cells.FirstOrDefault(c => c.Key.EndsWith(".in_force", StringComparison.Ordinal));
            var issued = row.Cells.FirstOrDefault(c => c.Key.EndsWith(".issued", StringComparison.Ordinal));
            var repealed = row.Cells.FirstOrDefault(c => c.Key.EndsWith(".repealed", StringComparison.Ordinal));
            if (inForce is null || issued is null || repealed is null) continue;
            if (previous.Value(inForce.Key) is not { } p || current.Value(issued.Key) is not { } i ||
                current.Value(repealed.Key) is not { } r || current.Value(inForce.Key) is not { } a) continue;
            var expected = p + i - r;
            if (a != expected)
                yield return Finding.Create("X.S2", "default",
                    Args.Of(("row", row.Label), ("previousYear", py), ("previous", p), ("issued", i), ("repealed", r),
                        ("expected", expected), ("actual", a)),
                    [inForce.Key], Args.Format(expected), Args.Format(a));
        }
    }

    /// <summary>S3 (2019 edition): 上一年项目数量 = last year's 上一年项目数量 + 本年增/减, in every table-2 row that has the two.</summary>
    private static IEnumerable<Finding> ListContinuity(AnnualReport previous, AnnualReport current, int py, Edition edition)
    {
        foreach (var row in TemplateCatalog.Default[edition].Table(2).Rows)
        {
            var prev = row.Cells.FirstOrDefault(c => c.Key.EndsWith(".prev_count", StringComparison.Ordinal));
            var change = row.Cells.FirstOrDefault(c => c.Key.EndsWith(".change", StringComparison.Ordinal));
            if (prev is null || change is null) continue;
            if (previous.Value(prev.Key) is not { } p || previous.Value(change.Key) is not { } c ||
                current.Value(prev.Key) is not { } a) continue;
            if (a != p + c)
                yield return Finding.Create("X.S3", "default",
                    Args.Of(("row", row.Label), ("previousYear", py), ("previous", p), ("change", c), ("expected", p + c), ("actual", a)),
                    [prev.Key], Args.Format(p + c), Args.Format(a));
        }
    }

    /// <summary>W11: the same tables or the same prose as last year.</summary>
    private static IEnumerable<Finding> SameContent(AnnualReport previous, AnnualReport current, int py)
    {
        if (previous.Edition is { } e && e == current.Edition && current.Cells.Count > 0)
        {
            var identical = current.Cells.All(kv => kv.Value.Value is { } v && previous.Value(kv.Key) == v);
            var nonZero = current.Cells.Count(kv => kv.Value.Value is { } v && v != 0);
            if (identical && nonZero >= MinNonZeroForIdenticalTables)
                yield return Finding.Create("X.W11", "tables", Args.Of(("previousYear", py), ("count", nonZero)));
        }
        foreach (var def in TemplateCatalog.Default.Text.Sections.Where(s => s.Number is 1 or 5 or 6))
        {
            if (current.Section(def.Number) is not { } now || previous.Section(def.Number) is not { } before) continue;
            var similarity = TextSimilarity.Of(now.Text, before.Text, MinTextLength);
            if (similarity >= CopiedTextSimilarity)
                yield return Finding.Create("X.W11", "text",
                    Args.Of(("numeral", def.Numeral), ("title", def.Title), ("previousYear", py),
                        ("percent", (int)Math.Floor(similarity * 100))));
        }
    }
}
