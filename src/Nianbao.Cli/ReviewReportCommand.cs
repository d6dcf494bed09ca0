using System.CommandLine;
using Nianbao.Export.Review;
using Nianbao.Storage;
using Nianbao.Summary;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao review-report --region R --year Y --to docx|xlsx|html -o FILE</c>: the year's review report.</summary>
public static class ReviewReportCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var region = new Option<string>("--region") { Description = "地区（含下级地区）", Required = true };
        var year = new Option<int>("--year") { Description = "报告年度", Required = true };
        var to = new Option<string>("--to") { Description = "输出格式：docx、xlsx 或 html", Required = true };
        to.AcceptOnlyFromAmong("docx", "xlsx", "html");
        var output = new Option<string>("--output", "-o") { Description = "输出文件", Required = true };
        var cmd = new Command("review-report", "生成年度报告审查情况通报：报送情况、审查结论、主要风险、指标同类比较、各机关问题、图表和证据附录") { db, region, year, to, output };
        cmd.SetAction(pr =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            ReviewReportData data;
            try { data = store.Review(pr.GetValue(region)!, pr.GetValue(year)); }
            catch (StoreException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return ExitCodes.Unreadable;
            }
            var path = pr.GetValue(output)!;
            File.WriteAllBytes(path, ReviewRenderers.Render(data, pr.GetValue(to)!));
            AnsiConsole.MarkupLine($"已生成 {Markup.Escape(path)}：应报送 {data.Expected} 个机关，已报送 {data.Received} 个，未报送 {data.Missing} 个，逾期 {data.Late} 个");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
