using System.CommandLine;
using System.Text.Json;
using Nianbao.Pipeline;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao parse [--json] PATH...</c>: the JSON Lines contract of shared/spec/output.md.</summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "以 JSON Lines 输出（每个文件一行），供程序读取" };
        var noSections = new Option<bool>("--no-sections") { Description = "JSON 中不输出各部分正文" };
        var paths = new Argument<string[]>("路径") { Description = "报告文件或文件夹（递归读取）", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("parse", "读取报告，输出每个表格单元格的数值、来源位置和核对结果") { json, noSections, paths };
        cmd.SetAction(pr =>
        {
            var files = ReportPipeline.ExpandInputs(pr.GetValue(paths)!).ToList();
            bool allRead = true;
            if (!pr.GetValue(json))
            {
                foreach (var file in ReportPipeline.ParseAll(files))
                {
                    allRead &= file.Ok;
                    HumanOutput.WriteParse(file);
                }
                return allRead ? ExitCodes.Ok : ExitCodes.Unreadable;
            }
            bool sections = !pr.GetValue(noSections);
            // One writer on one buffered stdout: each record goes out as UTF-8 bytes, never as a string.
            using var stdout = new BufferedStream(Console.OpenStandardOutput(), 64 * 1024);
            using var writer = new Utf8JsonWriter(stdout, ReportJson.Options);
            foreach (var file in ReportPipeline.ParseAll(files))
            {
                allRead &= file.Ok;
                ReportJson.WriteLine(writer, stdout, file, sections);
            }
            stdout.Flush();
            return allRead ? ExitCodes.Ok : ExitCodes.Unreadable;
        });
        return cmd;
    }
}
