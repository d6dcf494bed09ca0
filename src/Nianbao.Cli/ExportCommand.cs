using System.CommandLine;
using Nianbao.Export;
using Nianbao.Storage;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao export --format csv|xlsx|json [-o FILE]</c> with the filters of <c>list</c>.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var filter = ListCommand.FilterOptions.Create();
        var format = new Option<string>("--format", "-f") { Description = "csv（每个单元格一行）、xlsx（每张表一个工作表，另有问题表）或 json（JSON Lines）", Required = true };
        format.AcceptOnlyFromAmong("csv", "xlsx", "json");
        var output = new Option<string?>("--output", "-o") { Description = "输出文件（默认写到标准输出；xlsx 必须给出文件）" };
        var findings = new Option<bool>("--findings") { Description = "csv：导出问题清单（每个问题一行），而不是单元格" };
        var metrics = new Option<bool>("--metrics") { Description = "csv：导出指标（每个报告每个指标一行，定义见 docs/metrics.md），而不是单元格" };
        var sections = new Option<bool>("--sections") { Description = "json：同时导出各部分正文" };
        var cmd = new Command("export", "导出数据库中的报告：CSV（UTF-8 带 BOM，Excel 可直接打开）、XLSX 或 JSON") { db, format, output, findings, metrics, sections };
        foreach (var o in filter.All) cmd.Add(o);
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            var fmt = pr.GetValue(format)!;
            var path = pr.GetValue(output);
            if (fmt == "xlsx" && path is null)
            {
                AnsiConsole.MarkupLine("[red]导出 xlsx 需要用 -o 指定输出文件[/]");
                return ExitCodes.Unreadable;
            }
            var reports = store.Stream(filter.Read(pr));
            var temp = path is null ? null : path + ".tmp";
            using (var stream = temp is null ? Console.OpenStandardOutput() : File.Create(temp))
            {
                var count = fmt switch
                {
                    "xlsx" => XlsxExport.Write(reports, stream),
                    "json" => JsonExport.Write(reports, stream, pr.GetValue(sections)),
                    _ when pr.GetValue(findings) => CsvExport.WriteFindings(reports, stream),
                    _ when pr.GetValue(metrics) => CsvExport.WriteMetrics(reports, stream),
                    _ => CsvExport.WriteCells(reports, stream),
                };
                Console.Error.WriteLine($"已导出 {count} 份报告" + (path is null ? "" : $"：{path}"));
            }
            // Written aside and moved into place: an interrupted export never leaves a truncated file under the name.
            if (temp is not null) File.Move(temp, path!, overwrite: true);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
