namespace Nianbao.Template;

/// <summary>
/// States the template's hard arithmetic once, as equations over cell keys (domain.md §9.1).
/// Row and column ids are the canonical keys of cells.tsv.
/// </summary>
internal static class EquationBuilder
{
    private const string Total = "total";

    public static IReadOnlyList<Equation> Build(EditionTemplate t)
    {
        var list = new List<Equation>();
        var t3 = t.Table(3);
        var columns = t3.Rows.First().Cells.Select(c => (Id: ColumnId(c.Key), c.ColumnLabel)).ToList();
        var resultRows = t3.Rows.Where(r => r.Groups.Count > 0 && r.Id != "t3.total").ToList();

        foreach (var (col, label) in columns)
        {
            var ctx = new Dictionary<string, string> { ["column"] = label };
            // H1: 一 + 二 = （七）总计 + 四, per column (the printed 勾稽 note).
            list.Add(new Equation("T3.H1",
                [new($"t3.new_received.{col}", 1), new($"t3.carried_over.{col}", 1),
                 new($"t3.total.{col}", -1), new($"t3.carried_forward.{col}", -1)], Relation.Equal, ctx));
            // H2: （七）总计 = Σ leaf result rows, per column.
            list.Add(new Equation("T3.H2",
                [new($"t3.total.{col}", 1), .. resultRows.Select(r => new Term($"{r.Id}.{col}", -1))], Relation.Equal, ctx));
        }
        // H3: 总计 column = Σ the six applicant columns, per row.
        foreach (var row in t3.Rows)
        {
            var total = row.Cells.Single(c => ColumnId(c.Key) == Total);
            list.Add(new Equation("T3.H3",
                [new(total.Key, 1), .. row.Cells.Where(c => c != total).Select(c => new Term(c.Key, -1))],
                Relation.Equal, new Dictionary<string, string> { ["row"] = row.Label }));
        }
        // H4: per table-4 block, 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.
        foreach (var block in t.Table(4).Cells.GroupBy(c => c.Key.Split('.')[1]))
        {
            var total = block.Single(c => ColumnId(c.Key) == Total);
            var name = total.ColumnPath.Split('/')[^2];
            list.Add(new Equation("T4.H4",
                [new(total.Key, 1), .. block.Where(c => c != total).Select(c => new Term(c.Key, -1))],
                Relation.Equal, new Dictionary<string, string> { ["block"] = name }));
        }
        // 2019 table 2: the list at the end of the year cannot be negative (上一年项目数量 + 本年增/减 ≥ 0).
        foreach (var row in t.Table(2).Rows)
        {
            var change = row.Cells.FirstOrDefault(c => c.Type == CellType.Signed);
            var prev = row.Cells.FirstOrDefault(c => c.Type == CellType.Count && c.Key.EndsWith(".prev_count", StringComparison.Ordinal));
            if (change is null || prev is null) continue;
            list.Add(new Equation("T2.H5", [new(prev.Key, 1), new(change.Key, 1)], Relation.AtLeastZero,
                new Dictionary<string, string> { ["row"] = row.Label }));
        }
        return list;
    }

    private static string ColumnId(string key) => key[(key.LastIndexOf('.') + 1)..];
}
