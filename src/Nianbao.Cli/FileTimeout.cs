using System.CommandLine;
using Nianbao.Pipeline;

namespace Nianbao.Cli;

/// <summary><c>--file-timeout 秒</c>: the time one file may take to read (issue 13 item 5), so one file cannot stall a batch.</summary>
internal static class FileTimeout
{
    public static Option<double?> Option() => new("--file-timeout")
    {
        Description = $"每个文件的读取时间上限（秒，默认 {ReportPipeline.DefaultFileBudget.TotalSeconds:0}；扫描件每页另加时间）；超时的文件记为无法读取，其余照常处理",
    };

    public static TimeSpan? Value(ParseResult pr, Option<double?> option) =>
        pr.GetValue(option) is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null;
}
