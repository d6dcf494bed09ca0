using System.Diagnostics;
using System.Text.RegularExpressions;
using Nianbao.Storage;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>The real program as processes: killed with SIGKILL mid-ingest and rerun; two ingests at once.</summary>
public partial class IngestProcessTests
{
    private static Process Start(params string[] args) => NianbaoProcess.Start(args);

    private static (int Exit, string Out) Finish(Process p)
    {
        var (exit, output, _) = NianbaoProcess.Finish(p);
        return (exit, output);
    }

    [GeneratedRegex(@"新入库 (\d+)")]
    private static partial Regex StoredCount();

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public async Task An_ingest_killed_with_sigkill_leaves_nothing_half_written_and_a_rerun_completes_it(string backend)
    {
        const int files = 2500;
        var location = TestStores.Create(backend);
        var store = ReportStore.Open(location);
        var dir = StoreTestData.NewFolder();
        StoreTestData.Write(dir, StoreTestData.Many(files, seed: 9));

        // The run stops itself after 150 files are written and says so (IngestRunner's test hook): it is killed at a
        // point the test knows is unfinished, with the parsing threads still busy, instead of racing it with a poll.
        var p = NianbaoProcess.Start(false, new Dictionary<string, string> { ["NIANBAO_TEST_INGEST_PAUSE_AFTER"] = "150" },
            "ingest", "--db", TestStores.DbArgument(location), dir);
        var paused = new TaskCompletionSource();
        p.ErrorDataReceived += (_, e) => { if (e.Data == IngestRunner.PausedSignal) paused.TrySetResult(); };
        p.OutputDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        var exited = p.WaitForExitAsync();
        // Either the signal or the end of the process (which fails the next assertion); the limit only guards against a hang.
        await Task.WhenAny(paused.Task, exited, Task.Delay(TimeSpan.FromMinutes(5)));
        Assert.True(paused.Task.IsCompleted, p.HasExited ? $"the ingest ended (exit {p.ExitCode}) without pausing" : "the ingest never reached its pause point");
        Assert.False(p.HasExited);
        p.Kill(entireProcessTree: true); // SIGKILL: no cleanup code runs
        await p.WaitForExitAsync();
        Assert.NotEqual(0, p.ExitCode);

        var stored = StoreTestData.Count(store, "SELECT COUNT(*) FROM sources");
        Assert.InRange(stored, 150, files - 1);
        Assert.Equal(stored, StoreTestData.Count(store, "SELECT COUNT(*) FROM report_versions"));
        Assert.Equal(stored, StoreTestData.Count(store, "SELECT COUNT(*) FROM reports WHERE active_version_id IS NOT NULL"));
        Assert.Equal(0, StoreTestData.IncompleteVersions(store));

        var (exit, output) = Finish(Start("ingest", "--db", TestStores.DbArgument(location), dir));
        Assert.Equal(0, exit);
        Assert.Equal(files - stored, long.Parse(StoredCount().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(files, StoreTestData.Count(store, "SELECT COUNT(*) FROM sources"));
        Assert.Equal(files, StoreTestData.Count(store, "SELECT COUNT(*) FROM reports"));
        Assert.Equal(files, StoreTestData.Count(store, "SELECT COUNT(*) FROM report_versions"));
        Assert.Equal(0, StoreTestData.IncompleteVersions(store));
        // Cross-year work the killed run left marked was done by the rerun.
        Assert.Equal(0, StoreTestData.Count(store, "SELECT COUNT(*) FROM reports WHERE cross_year_stale = 1"));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Two_ingests_of_one_folder_at_once_store_each_file_exactly_once(string backend)
    {
        const int files = 600;
        var location = TestStores.Create(backend);
        var store = ReportStore.Open(location);
        var dir = StoreTestData.NewFolder();
        // Many files share agencies across years, so the two processes also race on agencies, regions and cross-year findings.
        StoreTestData.Write(dir, StoreTestData.Many(files, seed: 11).Select((r, i) => r with { Agency = $"测试市第{i / 6}服务中心" }));

        var a = Start("ingest", "--db", TestStores.DbArgument(location), dir);
        var b = Start("ingest", "--db", TestStores.DbArgument(location), dir);
        var (exitA, outA) = Finish(a);
        var (exitB, outB) = Finish(b);
        Assert.Equal((0, 0), (exitA, exitB));
        Assert.Equal(files, long.Parse(StoredCount().Match(outA).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + long.Parse(StoredCount().Match(outB).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(files, StoreTestData.Count(store, "SELECT COUNT(*) FROM sources"));
        Assert.Equal(files, StoreTestData.Count(store, "SELECT COUNT(*) FROM report_versions"));
        Assert.Equal(files, StoreTestData.Count(store, "SELECT COUNT(*) FROM reports"));
        Assert.Equal(files / 6, StoreTestData.Count(store, "SELECT COUNT(*) FROM agencies"));
        Assert.Equal(0, StoreTestData.IncompleteVersions(store));
        Assert.Equal(0, StoreTestData.Count(store, "SELECT COUNT(*) FROM reports WHERE cross_year_stale = 1"));
        // Cross-year findings exist exactly once per report pair and rule (no duplicates from the race).
        Assert.Equal(0, StoreTestData.Count(store,
            "SELECT COUNT(*) FROM (SELECT report_id, rule, message FROM cross_year_findings GROUP BY report_id, rule, message HAVING COUNT(*) > 1) d"));
    }
}
