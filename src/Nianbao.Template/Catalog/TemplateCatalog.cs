using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nianbao.Template;

/// <summary>
/// The national template as data: both editions built from Data/cells.tsv, the non-cell labels from
/// Data/template.json and the finding catalogue from Data/rules.json. Loaded once and checked on load.
/// </summary>
public sealed partial class TemplateCatalog
{
    private static readonly Lazy<TemplateCatalog> DefaultInstance = new(Load);
    private readonly Dictionary<Edition, EditionTemplate> _editions;

    private TemplateCatalog(Dictionary<Edition, EditionTemplate> editions, TemplateText text, RuleCatalog rules)
    {
        _editions = editions;
        Text = text;
        Rules = rules;
    }

    /// <summary>The catalog embedded in this assembly.</summary>
    public static TemplateCatalog Default => DefaultInstance.Value;

    public TemplateText Text { get; }
    public RuleCatalog Rules { get; }
    public IEnumerable<EditionTemplate> Editions => _editions.Values;
    public EditionTemplate this[Edition edition] => _editions[edition];

    private static TemplateCatalog Load()
    {
        // Source-generated metadata: reflection-based deserialisation cost ≈ 50 ms of every process's start-up.
        TemplateText text;
        using (var s = OpenResource("template.json"))
            text = JsonSerializer.Deserialize(s, TemplateJsonContext.Default.TemplateText) ?? throw new InvalidDataException("template.json is empty");
        RulesFile rules;
        using (var s = OpenResource("rules.json"))
            rules = JsonSerializer.Deserialize(s, TemplateJsonContext.Default.RulesFile) ?? throw new InvalidDataException("rules.json is empty");
        var rows = ParseCells(ReadResource("cells.tsv"));
        var editions = new Dictionary<Edition, EditionTemplate>();
        foreach (var edition in Enum.GetValues<Edition>())
        {
            var mine = rows.Where(r => r.Editions == "both" || r.Editions == edition.Code()).ToList();
            editions[edition] = BuildEdition(edition, mine);
        }
        return new TemplateCatalog(editions, text, new RuleCatalog(rules.Rules));
    }

    internal sealed record RulesFile([property: System.Text.Json.Serialization.JsonPropertyName("rules")] IReadOnlyList<RuleDef> Rules);

    private sealed record TsvRow(string Key, string Editions, int Table, string Group, string RowPath, string ColumnPath, CellType Type);

    private static Stream OpenResource(string name) =>
        typeof(TemplateCatalog).Assembly.GetManifestResourceStream("Nianbao.Template.Data." + name)
        ?? throw new InvalidDataException($"embedded resource {name} missing");

    private static string ReadResource(string name)
    {
        using var s = OpenResource(name);
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    private static List<TsvRow> ParseCells(string tsv)
    {
        var lines = tsv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split('\t');
        if (!header.SequenceEqual(["key", "editions", "table", "group", "row", "column", "type"]))
            throw new InvalidDataException("cells.tsv: unexpected header " + lines[0]);
        var result = new List<TsvRow>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length != 7) throw new InvalidDataException("cells.tsv: bad line " + line);
            var type = f[6] switch
            {
                "count" => CellType.Count,
                "signed" => CellType.Signed,
                "amount" => CellType.Amount,
                _ => throw new InvalidDataException("cells.tsv: bad type " + f[6]),
            };
            result.Add(new TsvRow(f[0], f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3], f[4], f[5], type));
        }
        if (result.Select(r => (r.Key, r.Editions)).Distinct().Count() != result.Count)
            throw new InvalidDataException("cells.tsv: duplicate key");
        return result;
    }

    [GeneratedRegex(@"^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.)(.*)$")]
    private static partial Regex NumberingPrefix();

    /// <summary>Splits <c>2.重复申请</c> into (<c>2.</c>, <c>重复申请</c>).</summary>
    public static (string Prefix, string Core) SplitNumbering(string label)
    {
        var m = NumberingPrefix().Match(label);
        return m.Success ? (m.Groups[1].Value, m.Groups[2].Value) : ("", label);
    }

    private static EditionTemplate BuildEdition(Edition edition, List<TsvRow> rows)
    {
        var tables = new List<TableDef>();
        foreach (var tableNo in rows.Select(r => r.Table).Distinct().Order())
        {
            var mine = rows.Where(r => r.Table == tableNo).ToList();
            var blocks = tableNo == 4 ? [BuildTable4(mine)] : BuildBlocks(tableNo, mine);
            tables.Add(new TableDef(tableNo, TitleOf(tableNo), blocks));
        }
        var template = new EditionTemplate(edition, tables, []);
        return new EditionTemplate(edition, tables, EquationBuilder.Build(template));
    }

    private static string TitleOf(int table) => table switch
    {
        2 => "主动公开政府信息情况",
        3 => "收到和处理政府信息公开申请情况",
        _ => "政府信息公开行政复议、行政诉讼情况",
    };

    private static List<BlockDef> BuildBlocks(int tableNo, List<TsvRow> rows)
    {
        var blocks = new List<BlockDef>();
        foreach (var group in rows.GroupBy(r => r.Group))
        {
            var rowDefs = new List<RowDef>();
            foreach (var rowGroup in group.GroupBy(r => RowIdOf(r.Key)))
            {
                var path = rowGroup.First().RowPath.Split('/');
                var label = path[^1];
                var (prefix, core) = SplitNumbering(label);
                var cells = rowGroup.Select(r => ToCell(r, RowIdOf(r.Key))).ToList();
                rowDefs.Add(new RowDef(rowGroup.Key, tableNo, label, prefix, core, path[..^1], cells));
            }
            var header = group.Key.Length == 0 ? null : group.Key;
            blocks.Add(new BlockDef(tableNo, header, rowDefs[0].Cells.Select(c => c.ColumnLabel).ToList(), rowDefs));
        }
        return blocks;
    }

    /// <summary>Table 4 is printed as one data row of 15 numbers under a two-level header.</summary>
    private static BlockDef BuildTable4(List<TsvRow> rows)
    {
        const string rowId = "t4";
        var cells = rows.Select(r => ToCell(r, rowId) with { ColumnPath = r.RowPath + "/" + r.ColumnPath }).ToList();
        var row = new RowDef(rowId, 4, "", "", "", [], cells);
        return new BlockDef(4, null, cells.Select(c => c.ColumnLabel).ToList(), [row]);
    }

    private static CellDef ToCell(TsvRow r, string rowId)
    {
        var leaf = ColumnParts(r.Table, r.ColumnPath)[^1];
        return new CellDef(r.Key, r.Table, rowId, leaf, r.ColumnPath, r.Type);
    }

    /// <summary>
    /// The levels of a column path. Only tables 3 and 4 have column groups; table 2's <c>本年增/减</c>
    /// contains a slash that is part of the label.
    /// </summary>
    public static IReadOnlyList<string> ColumnParts(int table, string columnPath) =>
        table == 2 ? [columnPath] : columnPath.Split('/');

    private static string RowIdOf(string key) => key[..key.LastIndexOf('.')];
}
