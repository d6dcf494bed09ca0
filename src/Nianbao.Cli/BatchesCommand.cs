using System.CommandLine;
using Nianbao.Storage;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao batches list|show|retry|rollback</c>: ingests and uploads as batches, their files and outcomes.</summary>
public static class BatchesCommand
{
    public static Command Create()
    {
        var root = new Command("batches", "导入批次：每次 ingest 和网页上传都是一个批次；查看、重试失败的文件、回滚");

        var db = StoreOptions.Db();
        var list = new Command("list", "列出批次（最新的在前）") { db };
        list.SetAction(pr => Run(pr, db, store =>
        {
            var table = new Table().Border(TableBorder.Simple);
            foreach (var h in new[] { "批次", "来源", "操作人", "开始时间", "状态", "文件", "新入库", "已存在", "失败", "待确认" }) table.AddColumn(h);
            var rows = store.BatchList();
            foreach (var b in rows)
                table.AddRow(b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), b.OriginLabel, Markup.Escape(b.CreatedBy), b.StartedAt,
                    b.Status == "rolled_back" ? $"[grey]{b.StatusLabel}[/]" : b.StatusLabel,
                    b.Files.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Stored.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Known.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Failed > 0 ? $"[yellow]{b.Failed}[/]" : "0", b.Unidentified.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"共 {rows.Count} 个批次");
            return ExitCodes.Ok;
        }));

        var showDb = StoreOptions.Db();
        var showId = new Argument<long>("批次编号");
        var show = new Command("show", "一个批次：操作人、时间、每个文件的结果和失败原因") { showDb, showId };
        show.SetAction(pr => Run(pr, showDb, store =>
        {
            if (store.Batch(pr.GetValue(showId)) is not { } b) return Fail($"批次 {pr.GetValue(showId)} 不存在");
            AnsiConsole.MarkupLine($"[bold]批次 {b.Id}[/] {b.OriginLabel}，{Markup.Escape(b.CreatedBy)}，{b.StartedAt} – {b.FinishedAt ?? "未完成"}，{b.StatusLabel}" +
                                   (b.RetryOf is { } of ? $"（重试批次 {of} 的失败文件）" : ""));
            if (b.Status == "rolled_back")
                AnsiConsole.MarkupLine($"已由 {Markup.Escape(b.RolledBackBy ?? "")} 于 {b.RolledBackAt} 回滚，理由：{Markup.Escape(b.RollbackReason ?? "")}");
            foreach (var f in store.BatchFiles(b.Id))
            {
                var color = f.Outcome == "failed" ? "yellow" : f.Outcome == "stored" ? "green" : "grey";
                var report = f.ReportId is { } r ? $"  报告 {r}{(f.VersionNumber is { } n ? $" 第{n}版" : "")}" : "";
                AnsiConsole.MarkupLine($"  [{color}]{f.OutcomeLabel}[/] {Markup.Escape(f.Name)}{report}{(f.Message is { } m ? "：" + Markup.Escape(m) : "")}");
            }
            return ExitCodes.Ok;
        }));

        var retryDb = StoreOptions.Db();
        var retryId = new Argument<long>("批次编号");
        var retryUser = new Option<string?>("--user") { Description = "操作人（默认为当前系统用户）" };
        var retry = new Command("retry", "重新读取批次中失败的文件（仍在原处的，或数据库保存了原件的），作为新批次") { retryDb, retryId, retryUser };
        retry.SetAction(pr => Run(pr, retryDb, store =>
        {
            var r = store.Retry(pr.GetValue(retryId), pr.GetValue(retryUser) ?? Environment.UserName);
            foreach (var m in r.Missing) AnsiConsole.MarkupLine($"[yellow]找不到[/] {Markup.Escape(m)}：文件已不在原处，数据库也未保存原件，请重新导入");
            if (r.BatchId is null) return ExitCodes.Unreadable;
            AnsiConsole.MarkupLine($"新批次 {r.BatchId}：重试 {r.Results.Count} 个文件，入库 {r.Results.Count(x => x.Outcome is IngestOutcome.Stored or IngestOutcome.Unidentified)}，" +
                                   $"仍失败 {r.Results.Count(x => x.Outcome == IngestOutcome.Failed)}");
            foreach (var f in r.Results.Where(x => x.Outcome == IngestOutcome.Failed))
                AnsiConsole.MarkupLine($"[yellow]未入库[/] {Markup.Escape(f.Path)}：{Markup.Escape(f.Message ?? "")}");
            return r.Results.Any(x => x.Outcome == IngestOutcome.Failed) || r.Missing.Count > 0 ? ExitCodes.Unreadable : ExitCodes.Ok;
        }));

        var rbDb = StoreOptions.Db();
        var rbId = new Argument<long>("批次编号");
        var reason = new Option<string>("--reason") { Description = "回滚理由（必填，记入批次）", Required = true };
        var rbUser = new Option<string?>("--user") { Description = "操作人（默认为当前系统用户）" };
        var rollback = new Command("rollback", "回滚一个批次：它入库的版本作废，各报告恢复此前的当前版本，重新做跨年核对") { rbDb, rbId, reason, rbUser };
        rollback.SetAction(pr => Run(pr, rbDb, store =>
        {
            var r = store.Rollback(pr.GetValue(rbId), pr.GetValue(reason)!, pr.GetValue(rbUser) ?? Environment.UserName);
            AnsiConsole.MarkupLine($"批次 {r.BatchId} 已回滚：作废 {r.Versions} 个版本，涉及报告 {string.Join("、", r.Reports)}");
            return ExitCodes.Ok;
        }));

        root.Add(list);
        root.Add(show);
        root.Add(retry);
        root.Add(rollback);
        return root;
    }

    private static int Run(ParseResult pr, Option<string?> db, Func<ReportStore, int> action)
    {
        if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
        try
        {
            return action(store);
        }
        catch (StoreException e)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string message)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return ExitCodes.Unreadable;
    }
}
