using System.CommandLine;
using Nianbao.Pipeline;
using Nianbao.Template;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao check PATH...</c>: a verdict per report and its findings, for the reviewer.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("路径") { Description = "报告文件或文件夹（递归读取）", Arity = ArgumentArity.OneOrMore };
        var showInfo = new Option<bool>("--info") { Description = "同时列出提示级别的结果（如由勾稽关系确定的数值）" };
        var timeout = FileTimeout.Option();
        var cmd = new Command("check", "逐份核对报告：表格勾稽关系、六个部分、模板版本、发布时间等；退出码 0=通过，1=有错误，2=有文件无法读取") { showInfo, timeout, paths };
        cmd.SetAction(pr =>
        {
            var files = ReportPipeline.ExpandInputs(pr.GetValue(paths)!).ToList();
            int clean = 0, warned = 0, failed = 0, unreadable = 0;
            foreach (var file in ReportPipeline.ParseAll(files, budget: FileTimeout.Value(pr, timeout)))
            {
                switch (HumanOutput.WriteCheck(file, pr.GetValue(showInfo)))
                {
                    case Verdict.Clean: clean++; break;
                    case Verdict.Warnings: warned++; break;
                    case Verdict.Errors: failed++; break;
                    default: unreadable++; break;
                }
            }
            AnsiConsole.MarkupLine($"[bold]共 {files.Count} 份：通过 {clean}，有警告 {warned}，有错误 {failed}，无法读取 {unreadable}[/]");
            return unreadable > 0 ? ExitCodes.Unreadable : failed > 0 ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return cmd;
    }
}

public enum Verdict { Clean, Warnings, Errors, Unreadable }
