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
