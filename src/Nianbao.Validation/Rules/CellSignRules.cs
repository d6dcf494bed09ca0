using Nianbao.Template;

namespace Nianbao.Validation.Rules;

/// <summary>H5: counts and amounts are not negative; counts and 本年增/减 are whole numbers.</summary>
public sealed class CellSignRules : IRule
{
    public IReadOnlyList<string> Ids { get; } = ["CELL.H5"];

    public IEnumerable<Finding> Check(AnnualReport report)
    {
        if (report.Edition is not { } edition) yield break;
        var t = TemplateCatalog.Default[edition];
        foreach (var cell in t.Cells)
        {
            if (report.Value(cell.Key) is not { } v) continue;
            string? kind = v < 0 && cell.Type != CellType.Signed ? "negative"
                : v != decimal.Truncate(v) && cell.Type != CellType.Amount ? "fraction" : null;
            if (kind is null) continue;
            var row = t.Row(cell.RowId);
            yield return Finding.Create("CELL.H5", kind,
                Args.Of(("table", CellNames.TableName(cell.Table)), ("row", row.DisplayName), ("column", CellNames.ColumnName(cell)), ("actual", v)),
                [cell.Key], actual: Args.Format(v), line: report.Cells[cell.Key].Source?.Line);
        }
    }
}
