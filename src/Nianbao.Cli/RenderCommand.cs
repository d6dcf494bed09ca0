using System.CommandLine;
using System.Text;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using DocumentFormat.OpenXml.Packaging;
using Nianbao.Storage;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao render INPUT.json --to html|md|docx [-o OUT]</c>: a report in the official layout.</summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("输入") { Description = "报告 JSON（new、parse --json 或 export 的输出）或 new 生成并填好的 Excel 填报表" };
        var renderers = ReportRenderers.Default;
        var to = new Option<string>("--to") { Description = $"输出格式：{string.Join("、", renderers.Targets)}（pdf 由 Chromium 打印 HTML）", Required = true };
        to.AcceptOnlyFromAmong([.. renderers.Targets]);
        var output = new Option<string?>("--output", "-o") { Description = "输出文件（html/md 默认写到标准输出；docx、pdf 必须给出）" };
        var force = new Option<bool>("--force") { Description = "即使核对发现错误也照原数输出（默认拒绝输出有错误的报告）" };
        var cmd = new Command("render", "按全国统一格式输出报告：HTML（可打印）、Word（DOCX）或 Markdown；总计由分项自动计算，数据有错误时拒绝输出") { input, to, output, force };
        cmd.SetAction(pr =>
        {
            var path = pr.GetValue(input)!;
            Template.AnnualReport report;
            try
            {
                report = ReadInput(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OpenXmlPackageException or InvalidDataException)
            {
                AnsiConsole.MarkupLine($"[red]无法读取 {Shown.Markup(path)}：{Shown.Markup(e.Message)}[/]");
                return ExitCodes.Unreadable;
            }
            // Totals from the leaves, then the rules: errors refuse, warnings are shown (on stderr: stdout may be the page).
            var check = RenderCheck.Prepare(report);
            foreach (var f in check.Findings)
                Console.Error.WriteLine($"{SeverityNames.Chinese(f.Severity)} {f.Rule} {f.Message}");
            if (check.Refused && !pr.GetValue(force))
            {
                Console.Error.WriteLine("报告有错误，未输出（改正后重试，或用 --force 照原数输出）");
                return ExitCodes.Findings;
            }
            report = check.Report;
            var target = pr.GetValue(output);
            var renderer = renderers.Find(pr.GetValue(to)!)!;
            if (renderer.IsBinary && target is null)
            {
                AnsiConsole.MarkupLine($"[red]输出 {pr.GetValue(to)} 需要用 -o 指定文件[/]");
                return ExitCodes.Unreadable;
            }
            byte[] bytes;
            try
            {
                bytes = renderer.Write(report, ReportDocument.Of(report));
            }
            catch (Tools.ExternalToolException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Unreadable;
            }
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

    /// <summary>The filled Excel form of <c>new</c> (a zip), or a report JSON: one object, or JSON Lines (the first report).</summary>
    private static Template.AnnualReport ReadInput(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith("PK"u8)) return AuthoringSheet.Read(bytes);
        var text = Encoding.UTF8.GetString(bytes).Trim();
        try { return ReportJsonReader.Read(text); }
        catch (FormatException) when (text.Contains('\n', StringComparison.Ordinal)) { return ReportJsonReader.Read(text.Split('\n', 2)[0]); }
    }
}
