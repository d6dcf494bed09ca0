using System.CommandLine;
using Nianbao.Storage;
using Nianbao.Template;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao list</c>: the stored reports, filtered; and the shared filter options of list/export.</summary>
public static class ListCommand
{
    public sealed record FilterOptions(Option<int?> Year, Option<string?> Agency, Option<string?> Region, Option<int?> Edition,
        Option<string?> Severity, Option<string?> Rule, Option<bool> IncludeDismissed)
    {
        public static FilterOptions Create()
        {
            var severity = new Option<string?>("--severity") { Description = "只列出有该级别（及更严重）问题的报告：error 或 warning" };
            severity.AcceptOnlyFromAmong("error", "warning");
            var edition = new Option<int?>("--edition") { Description = $"格式版本：{string.Join(" 或 ", TemplateCatalog.Default.EditionCodes)}" };
            edition.AcceptOnlyFromAmong([.. TemplateCatalog.Default.EditionCodes]);
            return new(
                new Option<int?>("--year") { Description = "报告年度" },
                new Option<string?>("--agency") { Description = "机关名称（包含即可，各种写法均可）" },
                new Option<string?>("--region") { Description = "地区（如 鹤岗市，或 黑龙江省/鹤岗市），含下级地区" },
                edition,
                severity,
                new Option<string?>("--rule") { Description = "只列出有该规则问题的报告，如 T3.H1、X.S1" },
                new Option<bool>("--include-dismissed") { Description = "已判定“不是问题”的问题也计入错误、警告数、--severity/--rule 筛选和导出的问题" });
        }

        public IEnumerable<Option> All => [Year, Agency, Region, Edition, Severity, Rule, IncludeDismissed];

        public ReportFilter Read(ParseResult pr) => new(pr.GetValue(Year), pr.GetValue(Agency), pr.GetValue(Region), pr.GetValue(Edition),
            pr.GetValue(Severity) switch { "error" => Template.Severity.Error, "warning" => Template.Severity.Warning, _ => null },
            pr.GetValue(Rule)) { IncludeDismissed = pr.GetValue(IncludeDismissed) };
    }

    public static Command Create()
    {
        var db = StoreOptions.Db();
        var filter = FilterOptions.Create();
        var failures = new Option<bool>("--failed") { Description = "列出未能入库的文件及原因" };
        var pending = new Option<bool>("--pending") { Description = "只列出发布机关或年度待确认的报告（用 correct 编号 --agency … 设定）" };
        var status = new Option<string?>("--status") { Description = "只列出有该复核状态问题的报告：pending（待复核）、confirmed（确认问题）、dismissed（不是问题）、resolved（已整改）" };
        status.AcceptOnlyFromAmong("pending", "confirmed", "dismissed", "resolved");
        var cmd = new Command("list", "列出数据库中的报告（可按年度、机关、地区、版本、问题、复核状态筛选）") { db, failures, pending, status };
        foreach (var o in filter.All) cmd.Add(o);
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            if (pr.GetValue(failures))
            {
                foreach (var f in store.Failures())
                    AnsiConsole.MarkupLine($"[yellow]{Shown.Markup(f.Path)}[/]  {Shown.Markup(f.ErrorMessage)}");
                return ExitCodes.Ok;
            }
            var rows = store.List(filter.Read(pr) with
            {
                Pending = pr.GetValue(pending), Status = ReviewStatuses.Parse(pr.GetValue(status)),
            });
            var table = new Table().Border(TableBorder.Simple);
            foreach (var h in new[] { "编号", "地区", "机关", "年度", "版本", "版次", "错误", "警告", "跨年问题", "来源" }) table.AddColumn(h);
            foreach (var r in rows)
                table.AddRow(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(r.Region ?? "—"), r.AgencyPending ? $"[yellow]{Shown.Markup(r.Agency)}[/]" : Shown.Markup(r.Agency),
                    r.YearPending ? $"[yellow]{r.YearText}[/]" : r.YearText,
                    r.Edition?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—", r.Version + (r.Kind == "corrected" ? "（更正）" : ""),
                    r.Errors > 0 ? $"[red]{r.Errors}[/]" : "0", r.Warnings > 0 ? $"[yellow]{r.Warnings}[/]" : "0",
                    r.CrossErrors + r.CrossWarnings > 0 ? $"[red]{r.CrossErrors}[/]/[yellow]{r.CrossWarnings}[/]" : "0",
                    Shown.Markup(Path.GetFileName(r.SourcePath ?? "")));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"共 {rows.Count} 份报告");
            if (rows.Count(r => r.AgencyPending || r.YearPending) is > 0 and var n)
                AnsiConsole.MarkupLine($"[yellow]其中 {n} 份的发布机关或年度待确认[/]：请用 correct 编号 --agency 机关名称 [[--year 年度]] --reason 理由 设定");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
