using Nianbao.Template;

namespace Nianbao.Export;

/// <summary>A cell column of an export: its key and the Chinese labels a reader needs to recognise it.</summary>
public sealed record ExportColumn(string Key, int Table, string Row, string Column)
{
    /// <summary>表三 / 一、本年新收政府信息公开申请数量 / 自然人.</summary>
    public string Label => $"{CellNames.TableName(Table)}｜{Row}｜{Column}";
}

/// <summary>Every cell key of both editions once, in template order (2021 first, then what only 2019 has).</summary>
public static class ExportColumns
{
    public static IReadOnlyList<ExportColumn> All { get; } = Build();

    public static IEnumerable<ExportColumn> OfTable(int table) => All.Where(c => c.Table == table);

    private static List<ExportColumn> Build()
    {
        var seen = new HashSet<string>();
        var list = new List<ExportColumn>();
        foreach (var edition in new[] { Edition.E2021, Edition.E2019 })
        {
            var t = TemplateCatalog.Default[edition];
            foreach (var cell in t.Cells)
                if (seen.Add(cell.Key))
                    list.Add(new ExportColumn(cell.Key, cell.Table, t.Row(cell.RowId).DisplayName, CellNames.ColumnName(cell)));
        }
        // Group by table while keeping template order inside each.
        return list.OrderBy(c => c.Table).ToList();
    }
}
