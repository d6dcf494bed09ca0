using Dapper;
using Nianbao.Storage;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>The schema on both databases: migrations once and in order, a newer schema refused, the per-cell view.</summary>
public class SchemaTests
{
    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Migrations_apply_once_and_a_newer_schema_is_refused(string backend)
    {
        var location = TestStores.Create(backend);
        var store = ReportStore.Open(location);
        ReportStore.Open(location);
        using var c = store.Connect();
        Assert.Equal(Enumerable.Range(1, Migrations.Latest), c.Query<int>("SELECT version FROM schema_migrations ORDER BY version"));
        c.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')");
        var e = Assert.Throws<StoreException>(() => ReportStore.Open(location));
        Assert.Contains("999", e.Message);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Migrations_5_and_6_keep_every_stored_report_and_its_references(string backend)
    {
        var location = TestStores.Create(backend);
        var store = ReportStore.Open(location);
        new IngestRunner(store).Run([Parse.SamplePath("001_adb888ebb0553f89.txt"), Parse.SamplePath("003_3eb821f3d5e72289.txt")]);
        var before = store.List(new ReportFilter()).Select(l => (l.Id, l.Agency, l.Year, l.VersionId)).ToList();
        using (var c = store.Connect())
        {
            // As a version-4 store would be before the upgrade (SQLite rebuilds the reports table under its references).
            // Later migrations' tables and columns go too, so that each runs again on what it expects.
            c.Execute("""
                DROP TABLE identity_corrections;
                DROP TABLE finding_review_log; DROP TABLE finding_reviews;
                ALTER TABLE findings DROP COLUMN finding_key; ALTER TABLE cross_year_findings DROP COLUMN finding_key;
                DROP TABLE batch_files; DROP TABLE ingest_batches; ALTER TABLE report_versions DROP COLUMN withdrawn_by_batch;
                DELETE FROM schema_migrations WHERE version >= 5
                """);
        }
        store = ReportStore.Open(location);
        Assert.Equal(before, store.List(new ReportFilter()).Select(l => (l.Id, l.Agency, l.Year, l.VersionId)).ToList());
        using var after = store.Connect();
        Assert.Equal(Enumerable.Range(1, Migrations.Latest), after.Query<int>("SELECT version FROM schema_migrations ORDER BY version"));
        if (backend == "sqlite") Assert.Empty(after.Query("PRAGMA foreign_key_check"));
        // The references still hold: a version of a report that does not exist is refused.
        Assert.ThrowsAny<Exception>(() => after.Execute("UPDATE report_versions SET report_id = 999999"));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void The_cells_view_gives_one_row_per_cell_with_exact_values(string backend)
    {
        var store = TestStores.Open(backend);
        new IngestRunner(store).Run([Parse.SamplePath("000_a6a03718d422221a.txt")]);
        var report = Assert.Single(store.Stream(new ReportFilter()));
        using var c = store.Connect();
        var rows = c.Query<(string Key, string? Value, string Status)>(
            "SELECT key, CAST(value AS TEXT), status FROM cells WHERE version_id = @v", new { v = report.Listing.VersionId }).ToList();
        Assert.Equal(report.Report.Cells.Keys, rows.Select(r => r.Key));
        foreach (var (key, value, status) in rows)
        {
            Assert.Equal(report.Report.Cells[key].Value, value is null ? null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Nianbao.Pipeline.ReportJson.StatusName(report.Report.Cells[key].Status), status);
        }
        Assert.Equal(report.Report.Value("t3.new_received.total"),
            c.ExecuteScalar<decimal>("SELECT CAST(value AS NUMERIC) FROM cells WHERE key = 't3.new_received.total'"));
    }
}
