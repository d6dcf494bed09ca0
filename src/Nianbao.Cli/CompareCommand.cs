using System.CommandLine;
using System.Text.Json;
using Nianbao.Storage;
using Nianbao.Template;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao compare --region R --year Y [--metric M] [--kind K] [--agency A] [--json]</c>: peer percentiles.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var region = new Option<string>("--region") { Description = "地区（含下级地区），同类比较的范围", Required = true };
        var year = new Option<int>("--year") { Description = "报告年度", Required = true };
        var metric = new Option<string?>("--metric") { Description = "只比较一个指标（指标键见 docs/metrics.md，如 disclosure_rate）" };
        var kind = new Option<string?>("--kind") { Description = $"只比较同一类别的机关：{string.Join("、", AgencyKinds.All)}（regions import 可指定类别）" };
        var agency = new Option<string?>("--agency") { Description = "标出一个机关的数值和百分位" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var cmd = new Command("compare", "同类比较：各指标在地区（或同类机关）中的 P25/P50/P75，及各机关的数值和百分位") { db, region, year, metric, kind, agency, json };
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            PeerComparison result;
            try { result = store.Compare(pr.GetValue(region)!, pr.GetValue(year), pr.GetValue(kind), pr.GetValue(metric)); }
            catch (StoreException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return ExitCodes.Unreadable;
            }
            var name = pr.GetValue(agency);
            if (name is not null && !result.Metrics[0].Values.Any(v => v.Agency == name))
            {
                AnsiConsole.MarkupLine($"[red]比较范围内没有机关“{Markup.Escape(name)}”的{result.Year}年报告[/]");
                return ExitCodes.Unreadable;
            }
            if (pr.GetValue(json)) WriteJson(result, name);
            else WriteHuman(result, name);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>An agency's value as stored (a rate already has its 2 decimals; an amount keeps all of its own).</summary>
    private static string Exact(decimal? v, MetricDef def) => v is { } x ? MetricCalculator.Format(x, def) : "";

    /// <summary>A quartile (interpolated) rounded to 2 decimals for reading; "" for null.</summary>
    private static string Num(decimal? v, MetricDef def) => v is { } x ? MetricCalculator.Format(Math.Round(x, 2, MidpointRounding.AwayFromZero), def) : "";

    private static void WriteHuman(PeerComparison r, string? agency)
    {
        var scope = r.Kind is null ? r.Region : $"{r.Region}（类别：{r.Kind}）";
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(scope)} {r.Year}年 同类比较[/]：{r.Metrics[0].Values.Count} 个机关；百分位按 PERCENTILE.INC 线性插值");
        var table = new Table().AddColumns("指标", "单位", "有值机关数", "P25", "P50", "P75");
        if (agency is not null) table.AddColumns(Markup.Escape(agency), "百分位");
        foreach (var m in r.Metrics)
        {
            var row = new List<string> { m.Metric.Name, m.Metric.Unit, m.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Num(m.P25, m.Metric), Num(m.P50, m.Metric), Num(m.P75, m.Metric) };
            if (agency is not null)
            {
                var v = m.Values.First(x => x.Agency == agency);
                row.Add(v.Value is null ? MetricValue.Missing(v.Reason) : Exact(v.Value, m.Metric));
                row.Add(v.Rank is { } k ? k.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "");
            }
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
        if (agency is null && r.Metrics.Count == 1)
        {
            var m = r.Metrics[0];
            var each = new Table().AddColumns("机关", "地区", "类别", m.Metric.Name, "百分位");
            foreach (var v in m.Values)
                each.AddRow(new[] { v.Agency, v.Region ?? "", v.Kind, v.Value is null ? MetricValue.Missing(v.Reason) : Exact(v.Value, m.Metric),
                    v.Rank?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "" }.Select(Markup.Escape).ToArray());
            AnsiConsole.Write(each);
        }
    }

    /// <summary>51.850 → 51.85: trailing zeros of decimal arithmetic say nothing about precision here.</summary>
    private static decimal? Norm(decimal? v) => v / 1.0000000000000000000000000000m;

    private static void WriteJson(PeerComparison r, string? agency)
    {
        var doc = new
        {
            region = r.Region, year = r.Year, kind = r.Kind, method = "PERCENTILE.INC",
            metrics = r.Metrics.Select(m => new
            {
                key = m.Metric.Key, name = m.Metric.Name, unit = m.Metric.Unit, count = m.Count,
                p25 = Norm(m.P25), p50 = Norm(m.P50), p75 = Norm(m.P75), min = Norm(m.Min), max = Norm(m.Max),
                agencies = m.Values.Where(v => agency is null || v.Agency == agency).Select(v => new
                {
                    agency = v.Agency, region = v.Region, kind = v.Kind, report_id = v.ReportId, value = Norm(v.Value), reason = v.Reason, rank = v.Rank,
                }),
            }),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
    }
}
