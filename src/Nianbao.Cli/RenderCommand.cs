using System.CommandLine;
using System.Text;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao render INPUT.json --to html|md|docx [-o OUT]</c>: a report in the official layout.</summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("输入") { Description = "报告 JSON（parse --json 输出的一行，或按同样格式编写的文件）" };
        var to = new Option<string>("--to") { Description = "输出格式：html、md 或 docx", Required = true };
        to.AcceptOnlyFromAmong("html", "md", "docx");
        var output = new Option<string?>("--output", "-o") { Description = "输出文件（html/md 默认写到标准输出；docx 必须给出）" };
        var cmd = new Command("render", "按全国统一格式输出报告：HTML（可打印）、Word（DOCX）或 Markdown") { input, to, output };
        cmd.SetAction(pr =>
        {
            var path = pr.GetValue(input)!;
            Template.AnnualReport report;
            try
            {
                var text = File.ReadAllText(path, Encoding.UTF8).Trim();
                // A parse --json file may hold several lines: render the first report.
                report = ReportJsonReader.Read(text.Split('\n', 2)[0]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                AnsiConsole.MarkupLine($"[red]无法读取 {Markup.Escape(path)}：{Markup.Escape(e.Message)}[/]");
                return ExitCodes.Unreadable;
            }
            var target = pr.GetValue(output);
            if (pr.GetValue(to) == "docx" && target is null)
            {
                AnsiConsole.MarkupLine("[red]输出 docx 需要用 -o 指定文件[/]");
                return ExitCodes.Unreadable;
            }
            byte[] bytes = pr.GetValue(to) switch
            {
                "docx" => DocxRenderer.Render(report),
                "md" => Encoding.UTF8.GetBytes(MarkdownRenderer.Render(report)),
                _ => Encoding.UTF8.GetBytes(HtmlRenderer.Render(report)),
            };
            if (target is null)
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(bytes);
            }
            else File.WriteAllBytes(target, bytes);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
