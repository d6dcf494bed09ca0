using System.CommandLine;
using System.Text;
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
            var stdout = Console.OpenStandardOutput();
            foreach (var file in ReportPipeline.ParseAll(files))
            {
                allRead &= file.Ok;
                if (pr.GetValue(json))
                {
                    var line = ReportJson.Serialize(file, !pr.GetValue(noSections)) + "\n";
                    stdout.Write(Encoding.UTF8.GetBytes(line));
                }
                else HumanOutput.WriteParse(file);
            }
            stdout.Flush();
            return allRead ? ExitCodes.Ok : ExitCodes.Unreadable;
        });
        return cmd;
    }
}
