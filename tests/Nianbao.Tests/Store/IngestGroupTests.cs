using System.Collections.Concurrent;
using Dapper;
using Nianbao.Storage;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>
/// Files are written in groups, one transaction per group and a savepoint per file: a file whose write fails half-way
/// (here a real trigger of the database refuses its version row, after its source, agency and report rows were
/// written) leaves none of its rows, and the other files of the same transaction are committed.
/// </summary>
public class IngestGroupTests
{
    private const string Marker = "故障局";

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_file_failing_mid_write_leaves_none_of_its_rows_and_its_group_is_committed(string backend)
    {
        var store = TestStores.Open(backend);
        var (paths, bad) = WriteFolder();
        RefuseVersionsOf(store, backend);

        // One group, written directly, so the three files share one transaction whatever the timing.
        var known = new ConcurrentDictionary<string, byte>();
        var prepared = paths.Select(p => IngestRunner.Prepare(p, p, known)).ToList();
        using (var writer = new IngestWriter(store))
        {
            var results = IngestRunner.WriteGroup(writer, prepared).ToDictionary(r => r.Path);
            Assert.Equal(IngestOutcome.Failed, results[bad].Outcome);
            Assert.Contains("写入数据库失败", results[bad].Message);
            Assert.All(paths.Where(p => p != bad), p => Assert.Equal(IngestOutcome.Stored, results[p].Outcome));
        }
        AssertOnlyTheGoodFilesStored(store, paths, bad);

        // Nothing of the failed file was kept, not even its hash: a rerun after the fault is gone stores it.
        DropRefusal(store, backend);
        var rerun = new IngestRunner(store).Run(paths).ToDictionary(r => r.Path);
        Assert.Equal(IngestOutcome.Stored, rerun[bad].Outcome);
        Assert.All(paths.Where(p => p != bad), p => Assert.Equal(IngestOutcome.AlreadyKnown, rerun[p].Outcome));
        Assert.Equal(paths.Count, StoreTestData.Count(store, "SELECT COUNT(*) FROM reports"));
        Assert.Equal(0, StoreTestData.IncompleteVersions(store));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_whole_run_reports_the_failed_file_and_stores_the_others(string backend)
    {
        var store = TestStores.Open(backend);
        var (paths, bad) = WriteFolder();
        RefuseVersionsOf(store, backend);

        // However the writer happens to group them.
        var results = new IngestRunner(store).Run(paths).ToDictionary(r => r.Path);
        Assert.Equal(IngestOutcome.Failed, results[bad].Outcome);
        Assert.All(paths.Where(p => p != bad), p => Assert.Equal(IngestOutcome.Stored, results[p].Outcome));
        AssertOnlyTheGoodFilesStored(store, paths, bad);
    }

    private static (List<string> Paths, string Bad) WriteFolder()
    {
        var dir = StoreTestData.NewFolder();
        var reports = StoreTestData.Many(5).ToList();
        reports[2] = reports[2] with { Agency = "测试市" + Marker };
        var paths = StoreTestData.Write(dir, reports);
        return (paths, paths[2]);
    }

    private static void AssertOnlyTheGoodFilesStored(ReportStore store, List<string> paths, string bad)
    {
        Assert.Equal(paths.Count - 1, StoreTestData.Count(store, "SELECT COUNT(*) FROM reports"));
        Assert.Equal(paths.Count - 1, StoreTestData.Count(store, "SELECT COUNT(*) FROM report_versions"));
        Assert.Equal(paths.Count - 1, StoreTestData.Count(store, "SELECT COUNT(*) FROM sources"));
        Assert.Equal(paths.Count - 1, StoreTestData.Count(store, "SELECT COUNT(*) FROM source_texts"));
        Assert.Equal(0, StoreTestData.Count(store, $"SELECT COUNT(*) FROM agencies WHERE name LIKE '%{Marker}%'"));
        Assert.Equal(0, StoreTestData.Count(store, $"SELECT COUNT(*) FROM sources WHERE path = '{bad.Replace("'", "''")}'"));
        Assert.Equal(0, StoreTestData.IncompleteVersions(store));
    }

    /// <summary>A trigger that refuses the version row of the marked agency's report: a failure after the file's first rows.</summary>
    private static void RefuseVersionsOf(ReportStore store, string backend)
    {
        using var c = store.Connect();
        c.Execute(backend == "sqlite"
            ? $"""
              CREATE TRIGGER refuse_version BEFORE INSERT ON report_versions
              WHEN NEW.title LIKE '%{Marker}%' BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END
              """
            : $"""
              CREATE FUNCTION refuse_version() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN
                IF NEW.title LIKE '%{Marker}%' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
                RETURN NEW;
              END $$;
              CREATE TRIGGER refuse_version BEFORE INSERT ON report_versions FOR EACH ROW EXECUTE FUNCTION refuse_version();
              """);
    }

    private static void DropRefusal(ReportStore store, string backend)
    {
        using var c = store.Connect();
        c.Execute(backend == "sqlite" ? "DROP TRIGGER refuse_version" : "DROP TRIGGER refuse_version ON report_versions");
    }
}
