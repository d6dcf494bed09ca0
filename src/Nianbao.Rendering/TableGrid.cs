using Nianbao.Template;

namespace Nianbao.Rendering;

/// <summary>A cell of a rendered table: its text, its spans, and the canonical key when it holds a value.</summary>
public sealed record GridCell(string Text, int RowSpan = 1, int ColSpan = 1, string? Key = null)
{
    public bool IsValue => Key is not null;
}

/// <summary>
/// The three tables of an edition laid out as the national template prints them, merged cells included (table
/// 3's 勾稽 note and 三、本年度办理结果 column, the 法人或其他组织 band, table 4's 行政复议/行政诉讼 levels, 2021's
/// one-column blocks spanning three). Rows list only the cells that start there, as HTML does. Header levels come
/// from the cells' column paths in cells.tsv; the few other headings from template.json.
/// </summary>
public static class TableGrid
{
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<GridCell>>> Tables(Edition edition, Func<string, string> valueText)
    {
        var t = TemplateCatalog.Default[edition];
        return [Table2(t, valueText), Table3(t, valueText), Table4(t, valueText)];
    }

    private static RenderHeadings Headings => TemplateCatalog.Default.Text.RenderHeadings;

    private static List<IReadOnlyList<GridCell>> Table2(EditionTemplate t, Func<string, string> v)
    {
        var rows = new List<IReadOnlyList<GridCell>>();
        foreach (var block in t.Table(2).Blocks)
        {
            rows.Add([new GridCell(block.Header!, ColSpan: 4)]);
            var span = block.ColumnLabels.Count == 1 ? 3 : 1;
            rows.Add([new GridCell(Headings.Content), .. block.ColumnLabels.Select(c => new GridCell(c, ColSpan: span))]);
            foreach (var row in block.Rows)
                rows.Add([new GridCell(row.Label), .. row.Cells.Select(c => new GridCell(v(c.Key), ColSpan: span, Key: c.Key))]);
        }
        return rows;
    }

    private static List<IReadOnlyList<GridCell>> Table3(EditionTemplate t, Func<string, string> v)
    {
        var t3 = t.Table(3);
        var columns = t3.Rows[0].Cells;
        var header = HeaderRows(columns.Select(c => TemplateCatalog.ColumnParts(3, c.ColumnPath)).ToList());
        var rows = new List<IReadOnlyList<GridCell>>
        {
            new List<GridCell> { new(Headings.Table3Note, header.Count + 1, 3), new(Headings.Applicants, ColSpan: columns.Count) },
        };
        rows.AddRange(header);
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
            cells.AddRange(row.Cells.Select(c => new GridCell(v(c.Key), Key: c.Key)));
            rows.Add(cells);
        }
        return rows;
    }

    private static List<IReadOnlyList<GridCell>> Table4(EditionTemplate t, Func<string, string> v)
    {
        var cells = t.Table(4).Cells;
        var rows = HeaderRows(cells.Select(c => c.ColumnPath.Split('/')).ToList());
        rows.Add([.. cells.Select(c => new GridCell(v(c.Key), Key: c.Key))]);
        return rows;
    }

    /// <summary>
    /// Header rows from the columns' label paths: a label shared by neighbouring columns spans them, and a column
    /// whose path ends early spans down to the last header row (表四's 行政复议 / 结果维持).
    /// </summary>
    internal static List<IReadOnlyList<GridCell>> HeaderRows(IReadOnlyList<IReadOnlyList<string>> paths)
    {
        var depth = paths.Max(p => p.Count);
        var rows = new List<IReadOnlyList<GridCell>>();
        for (var level = 0; level < depth; level++)
        {
            var row = new List<GridCell>();
            for (var i = 0; i < paths.Count;)
            {
                var path = paths[i];
                if (path.Count <= level) { i++; continue; }
                var j = i;
                while (path.Count > level + 1 && j + 1 < paths.Count && paths[j + 1].Count > level + 1 &&
                       paths[j + 1].Take(level + 1).SequenceEqual(path.Take(level + 1))) j++;
                row.Add(new GridCell(path[level], RowSpan: path.Count == level + 1 ? depth - level : 1, ColSpan: j - i + 1));
                i = j + 1;
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Every grid position with the cell covering it and whether it is that cell's top-left corner: the model of
    /// formats that cannot span (Word's vMerge continuation cells, Markdown's empty cells).
    /// </summary>
    public static (int Width, Dictionary<(int Row, int Col), (GridCell Cell, bool First)> Slots) Expand(IReadOnlyList<IReadOnlyList<GridCell>> rows)
    {
        var slots = new Dictionary<(int Row, int Col), (GridCell Cell, bool First)>();
        for (var r = 0; r < rows.Count; r++)
        {
            var col = 0;
            foreach (var c in rows[r])
            {
                while (slots.ContainsKey((r, col))) col++;
                for (var i = 0; i < c.RowSpan; i++)
                    for (var j = 0; j < c.ColSpan; j++) slots[(r + i, col + j)] = (c, i == 0 && j == 0);
                col += c.ColSpan;
            }
        }
        return (slots.Keys.Max(k => k.Col) + 1, slots);
    }
}
