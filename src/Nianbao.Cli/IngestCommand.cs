using System.CommandLine;
using System.Diagnostics;
using Nianbao.Pipeline;
using Nianbao.Storage;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao ingest PATH...</c>: parse and store a whole folder, idempotently, with progress.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var jobs = new Option<int?>("--jobs", "-j") { Description = "并行读取的线程数（默认为处理器核数）" };
        var paths = new Argument<string[]>("路径") { Description = "报告文件或文件夹（递归读取）", Arity = ArgumentArity.OneOrMore };
        var timeout = FileTimeout.Option();
        var cmd = new Command("ingest", "读取报告并存入数据库：同一文件重复导入不会重复入库，中断后重新运行会接着完成") { db, jobs, timeout, paths };
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            var files = ReportPipeline.ExpandInputs(pr.GetValue(paths)!).ToList();
            var runner = new IngestRunner(store);
            var clock = Stopwatch.StartNew();
            IReadOnlyList<IngestResult> results;
            if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
            {
                results = [];
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                        new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask($"导入 {files.Count} 个文件", maxValue: Math.Max(1, files.Count));
                        var done = 0;
                        results = runner.Run(files, pr.GetValue(jobs), r =>
                        {
                            done++;
                            task.Increment(1);
                            task.Description = $"已处理 {done}/{files.Count}，{done / Math.Max(0.001, clock.Elapsed.TotalSeconds):0} 份/秒";
                        }, fileBudget: FileTimeout.Value(pr, timeout));
                    });
            }
            else results = runner.Run(files, pr.GetValue(jobs), fileBudget: FileTimeout.Value(pr, timeout));
            if (runner.BatchId is { } batch) AnsiConsole.MarkupLine($"批次 {batch}（batches show {batch} 查看，batches rollback {batch} --reason … 回滚）");
            return Summarize(results, store, clock.Elapsed);
        });
        return cmd;
    }

    private static int Summarize(IReadOnlyList<IngestResult> results, ReportStore store, TimeSpan elapsed)
    {
        int Count(IngestOutcome o) => results.Count(r => r.Outcome == o);
        var rate = results.Count / Math.Max(0.001, elapsed.TotalSeconds);
        AnsiConsole.MarkupLine($"数据库：{Markup.Escape(store.Location.Display)}");
        AnsiConsole.MarkupLine($"共 {results.Count} 个文件，用时 {elapsed.TotalSeconds:0.0} 秒（{rate:0} 个/秒）：" +
                               $"新入库 {Count(IngestOutcome.Stored)}，已存在 {Count(IngestOutcome.AlreadyKnown)}，" +
                               $"无法读取 {Count(IngestOutcome.Failed)}，入库但机关或年度待确认 {Count(IngestOutcome.Unidentified)}");
        foreach (var p in results.Where(r => r.Outcome is IngestOutcome.Unidentified))
            AnsiConsole.MarkupLine($"[yellow]待确认[/] {Shown.Markup(p.Path)}：{Shown.Markup(p.Message)}（报告 {p.ReportId}，用 correct {p.ReportId} --agency 机关名称 --reason 理由 设定）");
        var failed = results.Where(r => r.Outcome is IngestOutcome.Failed).ToList();
        foreach (var f in failed)
            AnsiConsole.MarkupLine($"[yellow]未入库[/] {Shown.Markup(f.Path)}：{Shown.Markup(f.Message)}");
        return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Unreadable;
    }
}
