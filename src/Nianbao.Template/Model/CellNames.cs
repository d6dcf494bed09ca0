namespace Nianbao.Template;

/// <summary>Names cells for messages the way an official reads the table: 表三“（一）予以公开”的“自然人”.</summary>
public static class CellNames
{
    private static readonly string[] TableNumerals = ["", "", "表二", "表三", "表四"];

    public static string TableName(int table) => TableNumerals[table];

    public static string Describe(EditionTemplate t, IReadOnlyCollection<string> keys)
    {
        var cells = keys.Where(t.HasCell).Select(t.Cell).ToList();
        if (cells.Count == 0) return "相关单元格";
        var rows = cells.Select(c => c.RowId).Distinct().ToList();
        var table = TableName(cells[0].Table);
        if (rows.Count == 1)
        {
            var row = t.Row(rows[0]);
            var rowName = row.Label.Length > 0 ? $"“{row.Label}”" : "";
            if (cells.Count == row.Cells.Count) return row.Label.Length > 0 ? $"{table}{rowName}行" : $"{table}全部单元格";
            var cols = string.Join("", cells.Take(4).Select(c => $"“{ColumnName(c)}”"));
            var more = cells.Count > 4 ? $"等{cells.Count}个单元格" : "";
            return rowName.Length > 0 ? $"{table}{rowName}的{cols}{more}" : $"{table}{cols}{more}";
        }
        var first = t.Row(rows[0]);
        return $"{table}中{cells.Count}个单元格（“{first.DisplayName}”等{rows.Count}行）";
    }

    /// <summary>Column name with its parent where the leaf alone is ambiguous (table 4's 结果维持 occurs three times).</summary>
    public static string ColumnName(CellDef c) =>
        c.Table == 4 ? c.ColumnPath.Replace("行政诉讼/", "", StringComparison.Ordinal).Replace('/', '·') : c.ColumnLabel;
}
