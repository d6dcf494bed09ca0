using System.CommandLine;
using Nianbao.Storage;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary>
/// <c>nianbao review ID --finding FINGERPRINT|INDEX --status confirmed|dismissed|pending [--reason R] [--user U]</c>:
/// a reviewer's status for one finding of a report (numbers and fingerprints as <c>show</c> prints them), audited.
/// </summary>
public static class ReviewCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var id = new Argument<long>("编号") { Description = "报告编号" };
        var finding = new Option<string>("--finding") { Description = "问题的编号或指纹（show 列出）", Required = true };
        var status = new Option<string>("--status") { Description = "confirmed（确认问题）、dismissed（不是问题，须说明理由）或 pending（待复核）", Required = true };
        status.AcceptOnlyFromAmong("confirmed", "dismissed", "pending");
        var reason = new Option<string?>("--reason") { Description = "理由（判定“不是问题”时必填），记入复核记录" };
        var user = new Option<string?>("--user") { Description = "复核人（默认为当前系统用户）" };
        var cmd = new Command("review", "复核一条问题：确认问题、不是问题（须说明理由）或改回待复核；每次变更都有记录") { db, id, finding, status, reason, user };
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            try
            {
                var r = store.SetReview(pr.GetValue(id), pr.GetValue(finding)!, ReviewStatuses.Parse(pr.GetValue(status))!.Value,
                    pr.GetValue(reason), pr.GetValue(user) ?? Environment.UserName);
                AnsiConsole.MarkupLine($"报告 {pr.GetValue(id)} 问题 {r.Index}（{r.Fingerprint}，{Markup.Escape(r.Finding.Rule)}）：" +
                                       $"{ReviewStatuses.Chinese(r.Status)}{(r.Reason is { } why ? "，理由：" + Markup.Escape(why) : "")}");
                return ExitCodes.Ok;
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
