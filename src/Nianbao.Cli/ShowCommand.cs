using System.CommandLine;
using System.Globalization;
using Nianbao.Storage;
using Nianbao.Template;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao show ID | --agency A --year Y</c>: one stored report with tables, findings, versions and corrections.</summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var id = new Argument<long?>("编号") { Description = "报告编号（list 的第一列）", Arity = ArgumentArity.ZeroOrOne };
        var agency = new Option<string?>("--agency") { Description = "机关名称（与 --year 一起使用）" };
        var year = new Option<int?>("--year") { Description = "报告年度" };
        var info = new Option<bool>("--info") { Description = "也列出提示级别的信息" };
        var dismissed = new Option<bool>("--include-dismissed") { Description = "也列出已判定“不是问题”的问题" };
        var cmd = new Command("show", "显示一份已入库报告：表格、问题及其复核状态、跨年核对、版本和更正记录") { db, id, agency, year, info, dismissed };
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            var found = Resolve(store, pr.GetValue(id), pr.GetValue(agency), pr.GetValue(year), pr.GetValue(dismissed));
            if (found is null)
            {
                AnsiConsole.MarkupLine("[red]未找到该报告[/]（请给出编号，或同时给出 --agency 和 --year）");
                return ExitCodes.Unreadable;
            }
            Write(found, pr.GetValue(info), pr.GetValue(dismissed));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static StoredReport? Resolve(ReportStore store, long? id, string? agency, int? year, bool includeDismissed = false) =>
        id is { } n ? store.Get(n, includeDismissed)
        : agency is not null && year is { } y && store.Find(agency, y) is { } found ? store.Get(found.Listing.Id, includeDismissed) : null;

    private static void Write(StoredReport s, bool info, bool includeDismissed)
    {
        var l = s.Listing;
        // The identity is the store's (a reviewer may have set it), not what the text names.
        var edition = s.Report.Edition is { } e ? e.Code() + "年版" : "（版本不明）";
        AnsiConsole.MarkupLine($"[bold]{Shown.Markup(l.Agency)} {(l.Year is { } y ? y + "年度" : l.YearText)} {edition}[/]  编号 {l.Id}，地区 {Shown.Markup(l.Region ?? "未知")}");
        if (l.AgencyPending || l.YearPending)
            AnsiConsole.MarkupLine($"[yellow]{(l.AgencyPending ? "发布机关" : "")}{(l.AgencyPending && l.YearPending ? "和" : "")}{(l.YearPending ? "报告年度" : "")}未能识别，待审核人员确认[/]：" +
                                   $"correct {l.Id} --agency 机关名称 [[--year 年度]] --reason 理由");
        if (s.Report.Title is { } title) AnsiConsole.MarkupLine($"标题：{Shown.Markup(title)}");
        AnsiConsole.MarkupLine($"日期：{s.Report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未注明"}；来源：{Shown.Markup(l.SourcePath ?? "—")}");
        HumanOutput.WriteTables(s.Report);
        AnsiConsole.MarkupLine("[bold]核对结果[/]（编号 指纹 复核状态；用 review 编号 --finding 编号或指纹 --status … 复核）");
        WriteReviewed(s.Reviews.Where(r => r.Index is not null && !r.CrossYear), includeDismissed);
        if (info) HumanOutput.WriteFindings(s.Report.Findings.Where(f => f.Severity == Severity.Info), true);
        if (s.Reviews.Any(r => r.Index is not null && r.CrossYear) || (info && s.CrossYearFindings.Any(f => f.Severity == Severity.Info)))
        {
            AnsiConsole.MarkupLine("[bold]与上一年度报告核对[/]");
            WriteReviewed(s.Reviews.Where(r => r.Index is not null && r.CrossYear), includeDismissed);
            if (info) HumanOutput.WriteFindings(s.CrossYearFindings.Where(f => f.Severity == Severity.Info), true);
        }
        if (s.Dismissed > 0 && !includeDismissed)
            AnsiConsole.MarkupLine($"    [grey]另有 {s.Dismissed} 条已判定“不是问题”，不计入统计（--include-dismissed 显示）[/]");
        if (s.Reviews.Where(r => r.Index is null).ToList() is { Count: > 0 } resolved)
        {
            AnsiConsole.MarkupLine("[bold]已整改[/]（当前版本不再出现）");
            foreach (var r in resolved)
                AnsiConsole.MarkupLine($"    [green]已整改[/] [grey]{r.Fingerprint} {r.Finding.Rule}[/] {Markup.Escape(r.Finding.Message)}");
        }
        AnsiConsole.MarkupLine("[bold]版本[/]");
        foreach (var v in s.Versions)
        {
            var what = v.Kind == "corrected" ? $"更正（{v.CreatedBy}：{v.Reason}）" : $"读取自 {v.SourcePath}";
            var withdrawn = v.WithdrawnByBatch is { } b ? $"  [grey]（随批次 {b} 回滚）[/]" : "";
            AnsiConsole.MarkupLine($"  {(v.Active ? "[green]●[/]" : "○")} 第{v.Number}版 {v.CreatedAt} {Shown.Markup(what)}  错误 {v.Errors}，警告 {v.Warnings}{withdrawn}");
        }
        foreach (var c in s.Corrections)
            AnsiConsole.MarkupLine($"  更正 第{c.Version}版 {Markup.Escape(c.CellKey)}：{c.Old?.ToString(CultureInfo.InvariantCulture) ?? "空"} → " +
                                   $"{c.New?.ToString(CultureInfo.InvariantCulture)}，{Markup.Escape(c.CorrectedBy)}，{c.CorrectedAt}，理由：{Markup.Escape(c.Reason)}");
        foreach (var c in s.IdentityCorrections)
            AnsiConsole.MarkupLine($"  更正 {c.FieldLabel}：{Markup.Escape(c.OldValue ?? "待确认")} → {Markup.Escape(c.NewValue)}，" +
                                   $"{Markup.Escape(c.CorrectedBy)}，{c.CorrectedAt}，理由：{Markup.Escape(c.Reason)}");
    }

    private static void WriteReviewed(IEnumerable<ReviewedFinding> findings, bool includeDismissed)
    {
        foreach (var r in findings.OrderByDescending(r => r.Finding.Severity).ThenBy(r => r.Index))
        {
            if (r.Status == ReviewStatus.Dismissed && !includeDismissed) continue;
            var f = r.Finding;
            var (label, color) = f.Severity == Severity.Error ? ("错误", "red") : ("警告", "yellow");
            var status = r.Status switch
            {
                ReviewStatus.Confirmed => "[red]确认问题[/]",
                ReviewStatus.Dismissed => "[grey]不是问题[/]",
                _ => "[yellow]待复核[/]",
            };
            var why = r.Reason is { } reason ? $"（{Markup.Escape(r.ReviewedBy ?? "")}：{Markup.Escape(reason)}）" : "";
            var where = f.Line is { } line ? $"（第{line}行）" : "";
            AnsiConsole.MarkupLine($"  {r.Index,3} [grey]{r.Fingerprint}[/] {status}{why} [{color}]{label}[/] [grey]{f.Rule}[/] {Markup.Escape(f.Message)}{where}");
        }
    }
}
