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
        var cmd = new Command("show", "显示一份已入库报告：表格、问题、跨年核对、版本和更正记录") { db, id, agency, year, info };
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            var found = Resolve(store, pr.GetValue(id), pr.GetValue(agency), pr.GetValue(year));
            if (found is null)
            {
                AnsiConsole.MarkupLine("[red]未找到该报告[/]（请给出编号，或同时给出 --agency 和 --year）");
                return ExitCodes.Unreadable;
            }
            Write(found, pr.GetValue(info));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static StoredReport? Resolve(ReportStore store, long? id, string? agency, int? year) =>
        id is { } n ? store.Get(n) : agency is not null && year is { } y ? store.Find(agency, y) : null;

    private static void Write(StoredReport s, bool info)
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
        AnsiConsole.MarkupLine("[bold]核对结果[/]");
        HumanOutput.WriteFindings(s.Report.Findings, info);
        if (s.CrossYearFindings.Count > 0)
        {
            AnsiConsole.MarkupLine("[bold]与上一年度报告核对[/]");
            HumanOutput.WriteFindings(s.CrossYearFindings, info);
        }
        AnsiConsole.MarkupLine("[bold]版本[/]");
        foreach (var v in s.Versions)
        {
            var what = v.Kind == "corrected" ? $"更正（{v.CreatedBy}：{v.Reason}）" : $"读取自 {v.SourcePath}";
            AnsiConsole.MarkupLine($"  {(v.Active ? "[green]●[/]" : "○")} 第{v.Number}版 {v.CreatedAt} {Shown.Markup(what)}  错误 {v.Errors}，警告 {v.Warnings}");
        }
        foreach (var c in s.Corrections)
            AnsiConsole.MarkupLine($"  更正 第{c.Version}版 {Markup.Escape(c.CellKey)}：{c.Old?.ToString(CultureInfo.InvariantCulture) ?? "空"} → " +
                                   $"{c.New?.ToString(CultureInfo.InvariantCulture)}，{Markup.Escape(c.CorrectedBy)}，{c.CorrectedAt}，理由：{Markup.Escape(c.Reason)}");
        foreach (var c in s.IdentityCorrections)
            AnsiConsole.MarkupLine($"  更正 {c.FieldLabel}：{Markup.Escape(c.OldValue ?? "待确认")} → {Markup.Escape(c.NewValue)}，" +
                                   $"{Markup.Escape(c.CorrectedBy)}，{c.CorrectedAt}，理由：{Markup.Escape(c.Reason)}");
    }
}
