namespace Nianbao.Template;

/// <summary>One table cell of the template, as a row of cells.tsv.</summary>
/// <param name="Key">Canonical key, e.g. <c>t3.granted.natural_person</c>.</param>
/// <param name="Table">2, 3 or 4.</param>
/// <param name="RowId">The key without its column part, e.g. <c>t3.granted</c>.</param>
/// <param name="ColumnLabel">Leaf column label as printed, e.g. <c>商业企业</c>.</param>
/// <param name="ColumnPath">Full column path, e.g. <c>法人或其他组织/商业企业</c>.</param>
public sealed record CellDef(string Key, int Table, string RowId, string ColumnLabel, string ColumnPath, CellType Type);

/// <summary>A row that carries numbers. Its label may be printed with a numbering prefix.</summary>
/// <param name="Id">Row id, e.g. <c>t3.not_processed.duplicate</c>.</param>
/// <param name="Label">Leaf label as printed, e.g. <c>2.重复申请</c>; empty for table 4's single data row.</param>
/// <param name="Prefix">The numbering part of the label (<c>2.</c>, <c>（七）</c>, <c>一、</c>), or empty.</param>
/// <param name="Core">The label without its numbering.</param>
/// <param name="Groups">Group labels above the row (<c>三、本年度办理结果</c>, <c>（五）不予处理</c>).</param>
public sealed record RowDef(string Id, int Table, string Label, string Prefix, string Core,
    IReadOnlyList<string> Groups, IReadOnlyList<CellDef> Cells)
{
    /// <summary>A short name for messages: the leaf label, or the table's name for table 4.</summary>
    public string DisplayName => Label.Length > 0 ? Label : "行政复议、行政诉讼";
}

/// <summary>A run of rows under one header: a 第二十条 block of table 2, or the whole of table 3 or 4.</summary>
/// <param name="Header">Block header (<c>第二十条第（一）项</c>) or null.</param>
/// <param name="ColumnLabels">Leaf column labels, in order.</param>
public sealed record BlockDef(int Table, string? Header, IReadOnlyList<string> ColumnLabels, IReadOnlyList<RowDef> Rows)
{
    public IReadOnlyList<CellDef> Cells { get; } = Rows.SelectMany(r => r.Cells).ToList();
}

/// <summary>Table 2, 3 or 4 of one edition.</summary>
public sealed record TableDef(int Number, string Title, IReadOnlyList<BlockDef> Blocks)
{
    public IReadOnlyList<RowDef> Rows { get; } = Blocks.SelectMany(b => b.Rows).ToList();
    public IReadOnlyList<CellDef> Cells { get; } = Blocks.SelectMany(b => b.Cells).ToList();
}

/// <summary>Everything about one edition: its tables, cells and arithmetic.</summary>
public sealed class EditionTemplate
{
    private readonly Dictionary<string, CellDef> _cells;
    private readonly Dictionary<string, RowDef> _rows;

    internal EditionTemplate(Edition edition, IReadOnlyList<TableDef> tables, IReadOnlyList<Equation> equations)
    {
        Edition = edition;
        Tables = tables;
        Equations = equations;
        Cells = tables.SelectMany(t => t.Cells).ToList();
        _cells = Cells.ToDictionary(c => c.Key);
        _rows = tables.SelectMany(t => t.Rows).ToDictionary(r => r.Id);
    }

    public Edition Edition { get; }
    public IReadOnlyList<TableDef> Tables { get; }

    /// <summary>All cells in template order (table, row, column).</summary>
    public IReadOnlyList<CellDef> Cells { get; }

    /// <summary>The hard arithmetic (H1–H4 and the 2019 list rule) as equations over cell keys.</summary>
    public IReadOnlyList<Equation> Equations { get; }

    public TableDef Table(int number) => Tables.First(t => t.Number == number);
    public CellDef Cell(string key) => _cells[key];
    public bool HasCell(string key) => _cells.ContainsKey(key);
    public RowDef Row(string rowId) => _rows[rowId];
}
