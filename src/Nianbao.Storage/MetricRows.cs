using System.Data.Common;
using System.Text;
using Dapper;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>
/// The metric dictionary's values per report version (table version_metrics): written in the transaction that
/// writes the version, read back for pages, exports, peer comparison and the review report.
/// </summary>
public static class MetricRows
{
    private sealed class Row
    {
        public long VersionId { get; set; }
        public string Metric { get; set; } = "";
        public object? Value { get; set; }
        public string? Reason { get; set; }
    }

    internal static void Insert(DbConnection c, DbTransaction tx, long versionId, AnnualReport report)
    {
        var sql = new StringBuilder();
        var args = new DynamicParameters();
        args.Add("v", versionId);
        if (Append(sql, args, c, "@v", report)) c.Execute(sql.ToString(), args, tx);
    }

    /// <summary>
    /// Appends the statement inserting the report's metrics for the version <paramref name="version"/> (a parameter
    /// name), its parameters named m…, so it can share a command with other statements; false when there are none.
    /// </summary>
    internal static bool Append(StringBuilder sql, DynamicParameters args, DbConnection c, string version, AnnualReport report)
    {
        var values = MetricCalculator.Compute(report);
        if (values.Count == 0) return false;
        sql.Append("INSERT INTO version_metrics (version_id, metric, value, reason) VALUES ");
        for (var i = 0; i < values.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"({version}, @mk{i}, @mx{i}, @mr{i})");
            args.Add($"mk{i}", values[i].Key);
            args.Add($"mx{i}", WriteDecimal(c, values[i].Value));
            args.Add($"mr{i}", values[i].Reason);
        }
        // Two processes filling in the same old version (Backfill) write the same values: the second adds nothing.
        sql.Append(" ON CONFLICT (version_id, metric) DO NOTHING;\n");
        return true;
    }

    /// <summary>Exact either way: SQLite keeps decimals as text (it has no exact type), PostgreSQL as NUMERIC.</summary>
    private static object? WriteDecimal(DbConnection c, decimal? v) =>
        c is Npgsql.NpgsqlConnection ? v : v?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Computes the metrics of versions stored before the metric table existed (or before a metric was added
    /// to the dictionary); returns how many versions were filled in.</summary>
    internal static int Backfill(ReportStore store)
    {
        using var c = store.Connect();
        var count = MetricCatalog.Default.Metrics.Count;
        // The usual case, every version complete, costs two counts on each open instead of a per-version check.
        var (versions, rows) = c.QuerySingle<(long, long)>("SELECT (SELECT COUNT(*) FROM report_versions), (SELECT COUNT(*) FROM version_metrics)");
        if (rows == versions * count) return 0;
        var missing = c.Query<long>("""
            SELECT v.id FROM report_versions v
            WHERE (SELECT COUNT(*) FROM version_metrics m WHERE m.version_id = v.id) <> @count
            """, new { count }).ToList();
        foreach (var id in missing)
        {
            using var tx = store.Dialect.BeginWrite(c);
            var (edition, json) = c.QuerySingle<(int?, string)>("SELECT edition, cells_json FROM report_versions WHERE id = @id", new { id }, tx);
            var report = new AnnualReport { Edition = (Edition?)edition, Cells = CellsJson.Read(json) };
            c.Execute("DELETE FROM version_metrics WHERE version_id = @id", new { id }, tx);
            Insert(c, tx, id, report);
            tx.Commit();
        }
        return missing.Count;
    }

    /// <summary>A version's metrics in dictionary order (a metric missing from the store is reported as unknown).</summary>
    public static IReadOnlyList<MetricValue> Metrics(this ReportStore store, long versionId)
    {
        using var c = store.Connect();
        return Read(c, [versionId]).GetValueOrDefault(versionId) ?? Unknown();
    }

    /// <summary>Metrics of many versions at once, keyed by version id.</summary>
    public static IReadOnlyDictionary<long, IReadOnlyList<MetricValue>> Metrics(this ReportStore store, IReadOnlyCollection<long> versionIds)
    {
        using var c = store.Connect();
        return Read(c, versionIds);
    }

    internal static Dictionary<long, IReadOnlyList<MetricValue>> Read(DbConnection c, IReadOnlyCollection<long> versionIds)
    {
        var result = new Dictionary<long, IReadOnlyList<MetricValue>>();
        foreach (var chunk in versionIds.Distinct().Chunk(500))
        {
            var ids = chunk.ToList();
            var rows = c.Query<Row>($"SELECT version_id, metric, value, reason FROM version_metrics WHERE version_id IN ({string.Join(',', ids)})")
                .GroupBy(r => r.VersionId);
            foreach (var g in rows)
            {
                var byMetric = g.ToDictionary(r => r.Metric);
                result[g.Key] = MetricCatalog.Default.Metrics.Select(m => byMetric.TryGetValue(m.Key, out var r)
                    ? new MetricValue(m.Key, Dialect.ReadDecimal(r.Value), r.Reason)
                    : new MetricValue(m.Key, null, "未计算")).ToList();
            }
        }
        return result;
    }

    private static List<MetricValue> Unknown() =>
        MetricCatalog.Default.Metrics.Select(m => new MetricValue(m.Key, null, "未计算")).ToList();
}
