using Nianbao.Pipeline;
using Nianbao.Storage;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>Folders and files built to hurt (issue 13 items 12–14): each gets its own error, and the batch goes on.</summary>
public class HostileInputTests
{
    private static string NewFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"nianbao-hostile-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Directory_links_are_not_followed_and_each_file_is_read_once()
    {
        var dir = NewFolder();
        try
        {
            var inner = Directory.CreateDirectory(Path.Combine(dir, "inner")).FullName;
            File.Copy(Parse.SamplePath("000_a6a03718d422221a.txt"), Path.Combine(inner, "000.txt"));
            Directory.CreateSymbolicLink(Path.Combine(inner, "self"), ".");
            Directory.CreateSymbolicLink(Path.Combine(inner, "up"), "..");
            var files = ReportPipeline.ExpandInputs([inner]).ToList();
            Assert.Equal([Path.Combine(inner, "000.txt")], files);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_fifo_and_a_device_are_refused_by_name_without_blocking()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = NewFolder();
        try
        {
            var fifo = Path.Combine(dir, "pipe.txt");
            using (var mk = System.Diagnostics.Process.Start("mkfifo", [fifo])) mk.WaitForExit();
            File.Copy(Parse.SamplePath("004_4ba04a4f04c18fe3.txt"), Path.Combine(dir, "report.txt"));
            var parsed = ReportPipeline.ParseAll(ReportPipeline.ExpandInputs([dir, "/dev/zero"])).ToList();
            Assert.Equal(3, parsed.Count);
            Assert.Equal("io", parsed[0].Error?.Code);
            Assert.Contains("命名管道", parsed[0].Error!.Message, StringComparison.Ordinal);
            Assert.Equal("绥棱县工业信息科技局", parsed[1].Report().Agency);
            Assert.Equal("io", parsed[2].Error?.Code);
            Assert.Contains("设备文件", parsed[2].Error!.Message, StringComparison.Ordinal);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_readable_file_with_no_cells_does_not_stop_the_ingest(string backend)
    {
        var dir = NewFolder();
        try
        {
            var headings = string.Join("\n", Nianbao.Template.TemplateCatalog.Default.Text.Sections.Select(s => s.Heading + "\n本年度无。"));
            File.WriteAllText(Path.Combine(dir, "a-headings-only.txt"), "某某县某某局2023年政府信息公开工作年度报告\n" + headings);
            File.Copy(Parse.SamplePath("000_a6a03718d422221a.txt"), Path.Combine(dir, "b-sample.txt"));
            var results = new IngestRunner(TestStores.Open(backend)).Run(ReportPipeline.ExpandInputs([dir]).ToList());
            Assert.Equal(2, results.Count);
            var headingsOnly = results.Single(r => r.Path.EndsWith("a-headings-only.txt", StringComparison.Ordinal));
            Assert.True(headingsOnly.Outcome == IngestOutcome.Stored, $"{headingsOnly.Outcome}: {headingsOnly.Message}");
            Assert.Equal(IngestOutcome.Stored, results.Single(r => r.Path.EndsWith("b-sample.txt", StringComparison.Ordinal)).Outcome);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
