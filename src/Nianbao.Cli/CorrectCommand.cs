using System.CommandLine;
using Nianbao.Storage;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao correct ID --cell KEY --value V --reason R</c>: a corrected cell as a new version, rules rerun.</summary>
public static class CorrectCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var id = new Argument<long?>("编号") { Description = "报告编号", Arity = ArgumentArity.ZeroOrOne };
        var agency = new Option<string?>("--agency") { Description = "机关名称（与 --year 一起使用，代替编号）" };
        var year = new Option<int?>("--year") { Description = "报告年度" };
        var cell = new Option<string>("--cell") { Description = "单元格键，如 t3.new_received.total", Required = true };
        var value = new Option<decimal>("--value") { Description = "正确的数值", Required = true };
        var reason = new Option<string>("--reason") { Description = "更正理由（必填，记入历史）", Required = true };
        var user = new Option<string?>("--user") { Description = "更正人（默认为当前系统用户）" };
        var cmd = new Command("correct", "更正一个单元格：保存为新版本并重新核对，历史版本保留") { db, id, agency, year, cell, value, reason, user };
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            var found = ShowCommand.Resolve(store, pr.GetValue(id), pr.GetValue(agency), pr.GetValue(year));
            if (found is null)
            {
                AnsiConsole.MarkupLine("[red]未找到该报告[/]");
                return ExitCodes.Unreadable;
            }
            try
            {
                var after = store.Apply(found.Listing.Id, pr.GetValue(cell)!, pr.GetValue(value), pr.GetValue(reason)!,
                    pr.GetValue(user) ?? Environment.UserName);
                AnsiConsole.MarkupLine($"已保存为第{after.Listing.Version}版：错误 {after.Listing.Errors}（原 {found.Listing.Errors}），" +
                                       $"警告 {after.Listing.Warnings}（原 {found.Listing.Warnings}）");
                return after.Listing.Errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;
            }
            catch (StoreException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return ExitCodes.Unreadable;
            }
        });
        return cmd;
    }
}
