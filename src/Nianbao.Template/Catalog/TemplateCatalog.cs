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

    private readonly IReadOnlyList<EditionInfo> _infos;

    private TemplateCatalog(Dictionary<Edition, EditionTemplate> editions, IReadOnlyList<EditionInfo> infos, TemplateText text, RuleCatalog rules)
    {
        _editions = editions;
        _infos = infos;
        Text = text;
        Rules = rules;
    }

    /// <summary>The catalog embedded in this assembly.</summary>
    public static TemplateCatalog Default => DefaultInstance.Value;

    public TemplateText Text { get; }
    public RuleCatalog Rules { get; }
    public IEnumerable<EditionTemplate> Editions => _editions.Values;
    public EditionTemplate this[Edition edition] => _editions[edition];

    /// <summary>The editions Data/editions.json lists, oldest first.</summary>
    public IReadOnlyList<EditionInfo> EditionInfos => _infos;

    public EditionInfo Info(Edition edition) => _infos.First(i => i.Edition == edition);

    /// <summary>The edition a report of <paramref name="year"/> is expected to use (domain.md §1); null before the first edition.</summary>
    public Edition? EditionFor(int year) => _infos.LastOrDefault(i => i.FirstYear <= year)?.Edition;

    /// <summary>An edition by its code (<c>"2021"</c>), or null when no edition has that code.</summary>
    public Edition? ParseEdition(string? code) => _infos.FirstOrDefault(i => i.Code.ToString(System.Globalization.CultureInfo.InvariantCulture) == code)?.Edition;

    /// <summary>The codes of all editions, for messages and option lists ("2019、2021").</summary>
    public IReadOnlyList<string> EditionCodes => _infos.Select(i => i.Edition.Code()).ToList();

    private static TemplateCatalog Load() => Load(ReadResource("editions.json"));

    /// <summary>The embedded template, rules and cells with another list of editions (a test's made-up edition).</summary>
    public static TemplateCatalog WithEditions(string editionsJson) => Load(editionsJson);

    internal sealed record EditionsFile([property: System.Text.Json.Serialization.JsonPropertyName("editions")] IReadOnlyList<EditionInfo> Editions);

    private static TemplateCatalog Load(string editionsJson)
    {
        // Source-generated metadata: reflection-based deserialisation cost ≈ 50 ms of every process's start-up.
        TemplateText text;
        using (var s = OpenResource("template.json"))
            text = JsonSerializer.Deserialize(s, TemplateJsonContext.Default.TemplateText) ?? throw new InvalidDataException("template.json is empty");
        RulesFile rules;
        using (var s = OpenResource("rules.json"))
            rules = JsonSerializer.Deserialize(s, TemplateJsonContext.Default.RulesFile) ?? throw new InvalidDataException("rules.json is empty");
        var rows = ParseCells(ReadResource("cells.tsv"));
        var infos = (JsonSerializer.Deserialize(editionsJson, TemplateJsonContext.Default.EditionsFile)?.Editions
                     ?? throw new InvalidDataException("editions.json is empty")).OrderBy(i => i.FirstYear).ToList();
        if (infos.Count == 0 || infos.Select(i => i.Code).Distinct().Count() != infos.Count || infos.Select(i => i.FirstYear).Distinct().Count() != infos.Count)
            throw new InvalidDataException("editions.json: no editions, or two with the same code or first year");
        var editions = new Dictionary<Edition, EditionTemplate>();
        foreach (var info in infos)
        {
            var mine = rows.Where(r => info.CellTags.Contains(r.Editions)).ToList();
            if (mine.Count == 0) throw new InvalidDataException($"editions.json: edition {info.Code} has no rows in cells.tsv");
            editions[info.Edition] = BuildEdition(info.Edition, mine);
        }
        var catalog = new RuleCatalog(rules.Rules);
        catalog.Require(infos.SelectMany(i => i.Continuity), "editions.json");
        return new TemplateCatalog(editions, infos, text, catalog);
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
