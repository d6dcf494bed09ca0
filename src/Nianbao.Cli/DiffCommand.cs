using System.CommandLine;
using System.Globalization;
using Nianbao.Storage;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao diff ID [--from V1] [--to V2]</c>: the cells and findings that differ between two versions of a report.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var id = new Argument<long>("编号") { Description = "报告编号" };
        var from = new Option<int?>("--from") { Description = "原版本号（默认：当前版本的前一版）" };
        var to = new Option<int?>("--to") { Description = "新版本号（默认：当前版本）" };
        var cmd = new Command("diff", "比较一份报告的两个版本：不同的单元格（原值 → 新值）和新增、消失的问题") { db, id, from, to };
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            VersionComparison d;
            try
            {
                d = store.Diff(pr.GetValue(id), pr.GetValue(from), pr.GetValue(to));
            }
            catch (StoreException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return ExitCodes.Unreadable;
            }
            AnsiConsole.MarkupLine($"[bold]报告 {d.ReportId}：第{d.From}版 → 第{d.To}版[/]");
            AnsiConsole.MarkupLine($"不同的单元格 {d.Cells.Count} 个");
            foreach (var c in d.Cells)
                AnsiConsole.MarkupLine($"  {Markup.Escape(c.Key)}  {Markup.Escape(c.Label)}：{Value(c.Old, c.OldUnit, c.OldStatus is null)} → {Value(c.New, c.NewUnit, c.NewStatus is null)}");
            AnsiConsole.MarkupLine($"新增的问题 {d.FindingsAdded.Count} 条");
            foreach (var f in d.FindingsAdded)
                AnsiConsole.MarkupLine($"  [red]+[/] [grey]{f.Rule}[/] {Markup.Escape(f.Message)}");
            AnsiConsole.MarkupLine($"消失的问题 {d.FindingsRemoved.Count} 条");
            foreach (var f in d.FindingsRemoved)
                AnsiConsole.MarkupLine($"  [green]-[/] [grey]{f.Rule}[/] {Markup.Escape(f.Message)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static string Value(decimal? v, string? unit, bool absent) =>
        absent ? "（无此格）" : v is { } n ? n.ToString(CultureInfo.InvariantCulture) + (unit ?? "") : "无法读取";
}
