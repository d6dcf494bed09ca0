using Nianbao.Summary;
using System.CommandLine;
using System.Text;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Storage;
using Nianbao.Template;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao summary --region R --year Y [--compare FILE] [--json]</c>: the region's summed report.</summary>
public static class SummaryCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var region = new Option<string>("--region") { Description = "地区，如 鹤岗市 或 黑龙江省/鹤岗市（含下级地区）", Required = true };
        var year = new Option<int>("--year") { Description = "报告年度", Required = true };
        var compare = new Option<string?>("--compare") { Description = "已发布的汇总报告文件：逐格与计算结果比对" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出汇总报告（与 parse --json 同一格式，另含机关清单）" };
        var renderers = ReportRenderers.Default;
        var render = new Option<string?>("--render") { Description = $"按统一格式输出汇总报告：{string.Join("、", renderers.Targets)}（html 含图表），须同时给出 -o" };
        render.AcceptOnlyFromAmong([.. renderers.Targets]);
        var output = new Option<string?>("--output", "-o") { Description = "--render 的输出文件" };
        var cmd = new Command("summary", "按地区汇总各机关的年度报告数据，列出缺报机关，并可与已发布的汇总报告比对") { db, region, year, compare, json, render, output };
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            RegionSummaryResult result;
            try { result = store.Compute(pr.GetValue(region)!, pr.GetValue(year)); }
            catch (StoreException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return ExitCodes.Unreadable;
            }
            var comparison = new List<Finding>();
            if (pr.GetValue(compare) is { } file)
            {
                var published = ReportPipeline.ParseFile(file);
                if (published.Report is null)
                {
                    AnsiConsole.MarkupLine($"[red]无法读取汇总报告 {Shown.Markup(file)}：{Shown.Markup(published.Error?.Message ?? "")}[/]");
                    return ExitCodes.Unreadable;
                }
                comparison.AddRange(RegionSummary.Compare(result, published.Report));
            }
            if (pr.GetValue(render) is { } format)
            {
                if (pr.GetValue(output) is not { } path)
                {
                    AnsiConsole.MarkupLine("[red]--render 需要用 -o 指定输出文件[/]");
                    return ExitCodes.Unreadable;
                }
                var doc = SummaryDocument.Of(result.Report, result.Included.Select(m => m.Agency).ToList(),
                    result.Missing.Select(m => m.Agency).ToList(), result.Excluded.Select(m => m.Agency).ToList(),
                    store.Trend(result.Region, SummaryCharts.TrendKey));
                try { File.WriteAllBytes(path, renderers.Find(format)!.Write(result.Report, doc)); }
                catch (Tools.ExternalToolException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return ExitCodes.Unreadable;
                }
            }
            if (pr.GetValue(json)) WriteJson(result, comparison);
            else WriteHuman(result, comparison);
            return result.Report.Findings.Concat(comparison).Any(f => f.Severity == Severity.Error) ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return cmd;
    }

    private static void WriteHuman(RegionSummaryResult r, IReadOnlyList<Finding> comparison)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Report.Title!)}[/]");
        AnsiConsole.MarkupLine($"汇总 {r.Included.Count} 个机关：{Markup.Escape(string.Join("、", r.Included.Select(m => m.Agency)))}");
        if (r.Missing.Count > 0) AnsiConsole.MarkupLine($"[yellow]缺报 {r.Missing.Count} 个机关[/]：{Markup.Escape(string.Join("、", r.Missing.Select(m => m.Agency)))}");
        HumanOutput.WriteTables(r.Report);
        HumanOutput.WriteFindings(r.Report.Findings, showInfo: false);
        if (comparison.Count > 0)
        {
            AnsiConsole.MarkupLine($"[bold]与已发布的汇总报告比对：{comparison.Count} 处不一致[/]");
            HumanOutput.WriteFindings(comparison, showInfo: false);
        }
    }

    private static void WriteJson(RegionSummaryResult r, IReadOnlyList<Finding> comparison)
    {
        using var ms = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(ms, ReportJson.Options))
        {
            ReportJson.Write(w, new ParsedFile($"summary:{r.Region}:{r.Year}", "summary", r.Report, null, null), includeSections: false, extra =>
            {
                extra.WriteString("region", r.Region);
                foreach (var (name, members) in new[] { ("included", r.Included), ("missing", r.Missing), ("excluded", r.Excluded) })
                {
                    extra.WriteStartArray(name);
                    foreach (var m in members) extra.WriteStringValue(m.Agency);
                    extra.WriteEndArray();
                }
                ReportJson.WriteFindings(extra, "comparison", comparison);
            });
        }
        var stdout = Console.OpenStandardOutput();
        stdout.Write(ms.ToArray());
        stdout.Write(Encoding.UTF8.GetBytes("\n"));
        stdout.Flush();
    }
}
