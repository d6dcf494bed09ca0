using Nianbao.Template;

namespace Nianbao.Fixtures;

/// <summary>A cell of a published table: text, and how many rows and columns it spans.</summary>
public sealed record GridCell(string Text, int RowSpan = 1, int ColSpan = 1, bool Value = false);

/// <summary>
/// The three tables of a report laid out as the national template prints them, with its merged cells
/// (table 3's 勾稽 note and 三、本年度办理结果 column, table 4's two header levels, 2021's one-column blocks
/// spanning three columns). Rows list only the cells that start there, as HTML does.
/// </summary>
public static class TemplateGrid
{
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<GridCell>>> Tables(GeneratedReport r, Random rng, Func<string, string>? valueText = null)
    {
        var t = r.Template;
        string V(CellDef c) => valueText?.Invoke(c.Key) ?? (r.Blank.Contains(c.Key) ? "" : GeneratedReport.Print(r.Cells[c.Key]));
        return [Table2(t, V), Table3(t, V), Table4(t, V)];
    }

    private static List<IReadOnlyList<GridCell>> Table2(EditionTemplate t, Func<CellDef, string> v)
    {
        var rows = new List<IReadOnlyList<GridCell>>();
        foreach (var block in t.Table(2).Blocks)
        {
            rows.Add([new GridCell(block.Header!, ColSpan: 4)]);
            int span = block.ColumnLabels.Count == 1 ? 3 : 1;
            rows.Add([new GridCell("信息内容"), .. block.ColumnLabels.Select(c => new GridCell(c, ColSpan: span))]);
            foreach (var row in block.Rows)
                rows.Add([new GridCell(row.Label), .. row.Cells.Select(c => new GridCell(v(c), ColSpan: span, Value: true))]);
        }
        return rows;
    }

    private static List<IReadOnlyList<GridCell>> Table3(EditionTemplate t, Func<CellDef, string> v)
    {
        var t3 = t.Table(3);
        var cols = t3.Rows[0].Cells;
        var rows = new List<IReadOnlyList<GridCell>>
        {
            new List<GridCell> { new("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), new("申请人情况", ColSpan: 7) },
            new List<GridCell> { new(cols[0].ColumnLabel, RowSpan: 2), new("法人或其他组织", ColSpan: 5), new(cols[^1].ColumnLabel, RowSpan: 2) },
            cols.Skip(1).Take(5).Select(c => new GridCell(c.ColumnLabel)).ToList(),
        };
        var results = t3.Rows.Where(r => r.Groups.Count > 0).ToList();
        var seen = new HashSet<string>();
        foreach (var row in t3.Rows)
        {
            var cells = new List<GridCell>();
            if (row.Groups.Count == 0) cells.Add(new GridCell(row.Label, ColSpan: 3));
            else
            {
                if (seen.Add(row.Groups[0])) cells.Add(new GridCell(row.Groups[0], RowSpan: results.Count));
                if (row.Groups.Count == 1) cells.Add(new GridCell(row.Label, ColSpan: 2));
                else
                {
                    var group = row.Groups[1];
                    if (seen.Add(group)) cells.Add(new GridCell(group, RowSpan: results.Count(x => x.Groups.Count > 1 && x.Groups[1] == group)));
                    cells.Add(new GridCell(row.Label));
                }
            }
            cells.AddRange(row.Cells.Select(c => new GridCell(v(c), Value: true)));
            rows.Add(cells);
        }
        return rows;
    }

    private static List<IReadOnlyList<GridCell>> Table4(EditionTemplate t, Func<CellDef, string> v)
    {
        string[] results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
        return
        [
            [new GridCell("行政复议", ColSpan: 5), new GridCell("行政诉讼", ColSpan: 10)],
            [.. results.Select(x => new GridCell(x, RowSpan: 2)), new GridCell("未经复议直接起诉", ColSpan: 5), new GridCell("复议后起诉", ColSpan: 5)],
            [.. results.Concat(results).Select(x => new GridCell(x))],
            [.. t.Table(4).Cells.Select(c => new GridCell(v(c), Value: true))],
        ];
    }
}
