using System.CommandLine;
using System.Text;
using Nianbao.Rendering;
using Nianbao.Template;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao new --agency NAME --year Y [--edition 2019|2021] [-o FILE]</c>: an editable report to fill in.</summary>
public static class NewCommand
{
    public static Command Create()
    {
        var agency = new Option<string>("--agency") { Description = "机关名称", Required = true };
        var year = new Option<int>("--year") { Description = "报告年度", Required = true };
        var edition = new Option<int?>("--edition") { Description = $"格式版本 {string.Join(" 或 ", TemplateCatalog.Default.EditionCodes)}（默认按年度选用当年适用的版本）" };
        var output = new Option<string?>("--output", "-o") { Description = "输出文件（默认写到标准输出）；以 .xlsx 结尾时生成 Excel 填报表" };
        var cmd = new Command("new", "生成一份待填写的年度报告（JSON 或 Excel 填报表）：分项填 0、总计留空由 render 计算，填好后用 render 输出") { agency, year, edition, output };
        cmd.SetAction(pr =>
        {
            var y = pr.GetValue(year);
            var catalog = TemplateCatalog.Default;
            var chosen = pr.GetValue(edition) is { } code
                ? catalog.ParseEdition(code.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : catalog.EditionFor(y) ?? catalog.EditionInfos[0].Edition;
            if (chosen is not { } e)
            {
                AnsiConsole.MarkupLine($"[red]--edition 只能是 {string.Join(" 或 ", catalog.EditionCodes)}[/]");
                return ExitCodes.Unreadable;
            }
            var path = pr.GetValue(output);
            if (path is not null && path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                File.WriteAllBytes(path, AuthoringSheet.Write(e, pr.GetValue(agency)!, y));
                return ExitCodes.Ok;
            }
            var json = AuthoringTemplate.Json(e, pr.GetValue(agency)!, y);
            if (path is not null) File.WriteAllText(path, json, new UTF8Encoding(false));
            else Console.Out.Write(json);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
