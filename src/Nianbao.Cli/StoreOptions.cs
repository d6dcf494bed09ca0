using System.CommandLine;
using Nianbao.Storage;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary>The <c>--db</c> option every store command shares, and opening the store with a clear error.</summary>
public static class StoreOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = $"数据库：SQLite 文件路径（默认 {StoreLocation.DefaultFile}），或 PostgreSQL 连接串（Host=…;Database=…），" +
                      $"或 postgres（取 PG* 环境变量）；也可用环境变量 {StoreLocation.EnvironmentVariable}",
    };

    /// <summary>The opened store, or null after printing why it could not be opened.</summary>
    public static ReportStore? Open(ParseResult pr, Option<string?> db)
    {
        try
        {
            return ReportStore.Open(StoreLocation.Parse(pr.GetValue(db)));
        }
        catch (Exception e) when (e is StoreException or ArgumentException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return null;
        }
    }
}
