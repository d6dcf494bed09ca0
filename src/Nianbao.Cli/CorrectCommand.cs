using System.CommandLine;
using Nianbao.Storage;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary>
/// <c>nianbao correct ID --cell KEY --value V --reason R</c>: a corrected cell as a new version, rules rerun.
/// <c>nianbao correct ID --agency NAME [--year Y] --reason R</c>: sets the agency and/or year of a report (机关待确认 /
/// 年度待确认, or a misfiled one), audited, cross-year rules rerun.
/// </summary>
public static class CorrectCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var id = new Argument<long?>("编号") { Description = "报告编号", Arity = ArgumentArity.ZeroOrOne };
        var agency = new Option<string?>("--agency")
        {
            Description = "不带 --cell：把编号所指报告的发布机关设为该名称（如机关待确认的报告）；带 --cell 而无编号时：与 --year 一起指明报告",
        };
        var year = new Option<int?>("--year") { Description = "不带 --cell：把报告年度设为该年；带 --cell 而无编号时：与 --agency 一起指明报告" };
        var cell = new Option<string?>("--cell") { Description = "单元格键，如 t3.new_received.total" };
        var value = new Option<decimal?>("--value") { Description = "正确的数值（与 --cell 一起使用）" };
        var reason = new Option<string>("--reason") { Description = "更正理由（必填，记入历史）", Required = true };
        var user = new Option<string?>("--user") { Description = "更正人（默认为当前系统用户）" };
        var cmd = new Command("correct", "更正一个单元格（保存为新版本并重新核对，历史版本保留），或设定报告的发布机关/年度")
            { db, id, agency, year, cell, value, reason, user };
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            var who = pr.GetValue(user) ?? Environment.UserName;
            try
            {
                if (pr.GetValue(cell) is { } key)
                {
                    if (pr.GetValue(value) is not { } v) return Fail("请用 --value 给出正确的数值");
                    var found = ShowCommand.Resolve(store, pr.GetValue(id), pr.GetValue(agency), pr.GetValue(year));
                    if (found is null) return Fail("未找到该报告");
                    var after = store.Apply(found.Listing.Id, key, v, pr.GetValue(reason)!, who);
                    AnsiConsole.MarkupLine($"已保存为第{after.Listing.Version}版：错误 {after.Listing.Errors}（原 {found.Listing.Errors}），" +
                                           $"警告 {after.Listing.Warnings}（原 {found.Listing.Warnings}）");
                    return after.Listing.Errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;
                }
                if (pr.GetValue(id) is not { } reportId)
                    return Fail("请给出报告编号：correct 编号 --agency 机关名称 [--year 年度] --reason 理由，或用 --cell/--value 更正单元格");
                var before = store.Get(reportId);
                if (before is null) return Fail("未找到该报告");
                var moved = store.SetIdentity(reportId, pr.GetValue(agency), pr.GetValue(year), pr.GetValue(reason)!, who);
                var l = moved.Listing;
                AnsiConsole.MarkupLine($"报告 {reportId}（{Markup.Escape(before.Listing.Agency)} {before.Listing.YearText}）" +
                                       $"现属 {Markup.Escape(l.Agency)} {l.YearText}" +
                                       (l.Id != reportId ? $"，并入该机关该年度的报告 {l.Id}（第{l.Version}版为当前版本）" : $"，编号 {l.Id}") +
                                       $"；跨年核对：错误 {l.CrossErrors}，警告 {l.CrossWarnings}");
                return ExitCodes.Ok;
            }
            catch (StoreException e)
            {
                return Fail(e.Message);
            }
        });
        return cmd;
    }

    private static int Fail(string message)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return ExitCodes.Unreadable;
    }
}
