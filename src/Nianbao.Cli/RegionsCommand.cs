using System.CommandLine;
using CsvHelper;
using Nianbao.Storage;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao regions import FILE.csv</c>: agency → region → parent region mapping.</summary>
public static class RegionsCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var file = new Argument<string>("文件") { Description = "CSV（UTF-8），表头为 agency,region,parent[,kind]（或 机关,地区,上级地区[,类别]）；parent 可写成 黑龙江省 或 中国/黑龙江省；kind 为同类比较的机关类别（如 局、人民政府），留空则按名称推断" };
        var import = new Command("import", "导入机关与地区的对应表（覆盖按名称推断的地区）") { db, file };
        import.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            try
            {
                var count = store.Import(Read(pr.GetValue(file)!));
                AnsiConsole.MarkupLine($"已导入 {count} 个机关的地区");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                AnsiConsole.MarkupLine($"[red]无法导入 {Markup.Escape(pr.GetValue(file)!)}：{Markup.Escape(e.Message)}[/]");
                return ExitCodes.Unreadable;
            }
        });
        return new Command("regions", "管理地区：导入机关与地区的对应表") { import };
    }

    private static List<RegionMapping> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, null, leaveOpen: false);
        int Column(params string[] names) => names.Select(n => csv.TryGetFieldIndex(n, out var i) ? i : -1).FirstOrDefault(i => i >= 0, -1);
        var list = new List<RegionMapping>();
        int agency = -1, region = -1, parent = -1, kind = -1;
        while (csv.Read())
        {
            if (agency < 0)
            {
                agency = Column("agency", "机关");
                region = Column("region", "地区");
                parent = Column("parent", "上级地区");
                kind = Column("kind", "类别");
                if (agency < 0 || region < 0) throw new FormatException("表头必须包含 agency 和 region（或 机关 和 地区）");
            }
            list.Add(new RegionMapping(csv.GetString(agency), csv.GetString(region), parent >= 0 ? csv.GetStringOrNull(parent) : null,
                kind >= 0 ? csv.GetStringOrNull(kind) : null));
        }
        return list;
    }
}
