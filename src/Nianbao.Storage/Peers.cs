using Dapper;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>One agency's value of a metric in a peer group, with its percentile rank (0–100; null when not computable).</summary>
public sealed record PeerValue(long AgencyId, string Agency, string? Region, string Kind, long ReportId, long VersionId,
    decimal? Value, string? Reason, decimal? Rank);

/// <summary>A metric across a peer group: quartiles over the agencies whose value is known, and every agency's value.</summary>
public sealed record MetricPeers(MetricDef Metric, int Count, decimal? P25, decimal? P50, decimal? P75, decimal? Min, decimal? Max,
    IReadOnlyList<PeerValue> Values);

/// <summary>A region's peer comparison for a year.</summary>
/// <param name="Kind">null: every agency of the region's subtree; else only agencies of that kind.</param>
public sealed record PeerComparison(string Region, int Year, string? Kind, IReadOnlyList<MetricPeers> Metrics);

/// <summary>A metric of one agency over the years in the store.</summary>
public sealed record MetricTrendPoint(int Year, decimal? Value, string? Reason);

/// <summary>
/// Peer comparison over the stored metrics (version_metrics of the active versions): the peer group is the region's
/// subtree, optionally narrowed to one kind of agency (imported kind, else inferred from the name). Percentiles
/// follow Excel PERCENTILE.INC / PERCENTRANK.INC (<see cref="Percentiles"/>); a null metric (不适用 or unknown) is
/// shown with its reason and left out of the quartiles.
/// </summary>
public static class Peers
{
    private sealed class Member
    {
        public long AgencyId { get; set; }
        public string Name { get; set; } = "";
        public string? Region { get; set; }
        public string? Kind { get; set; }
        public long ReportId { get; set; }
        public long VersionId { get; set; }
    }

    public static PeerComparison Compare(this ReportStore store, string region, int year, string? kind = null, string? metric = null)
    {
        if (metric is not null && !MetricCatalog.Default.Contains(metric))
            throw new StoreException($"没有指标“{metric}”，可用的指标：{string.Join("、", MetricCatalog.Default.Metrics.Select(m => m.Key))}");
        using var c = store.Connect();
        var members = c.Query<Member>($"""
            SELECT a.id AS agency_id, a.name, g.path AS region, a.kind, r.id AS report_id, r.active_version_id AS version_id
            FROM reports r JOIN agencies a ON a.id = r.agency_id LEFT JOIN regions g ON g.id = a.region_id
            WHERE r.year = @year AND r.active_version_id IS NOT NULL AND a.region_id IN ({Regions.SubtreeSql})
            ORDER BY g.path, a.name
            """, new { region, year }).ToList();
        foreach (var m in members) m.Kind ??= AgencyKinds.Infer(m.Name);
        if (kind is not null) members = members.Where(m => m.Kind == kind).ToList();
        if (members.Count == 0)
            throw new StoreException(kind is null
                ? $"“{region}”没有{year}年的报告（可用 regions import 导入机关与地区的对应表）"
                : $"“{region}”没有类别为“{kind}”的机关的{year}年报告");
        var metrics = MetricRows.Read(c, members.Select(m => m.VersionId).ToList());
        var defs = MetricCatalog.Default.Metrics.Where(m => metric is null || m.Key == metric).ToList();
        var result = new List<MetricPeers>();
        foreach (var def in defs)
        {
            var index = MetricCatalog.Default.Metrics.ToList().IndexOf(def);
            var raw = members.Select(m => (m, v: metrics.TryGetValue(m.VersionId, out var l) ? l[index] : new MetricValue(def.Key, null, "未计算"))).ToList();
            var known = raw.Where(x => x.v.Value is not null).Select(x => x.v.Value!.Value).ToList();
            var values = raw.Select(x => new PeerValue(x.m.AgencyId, x.m.Name, x.m.Region, x.m.Kind!, x.m.ReportId, x.m.VersionId,
                x.v.Value, x.v.Reason, x.v.Value is { } v ? Percentiles.Rank(known, v) : null)).ToList();
            result.Add(new MetricPeers(def, known.Count, Percentiles.Inclusive(known, 0.25m), Percentiles.Inclusive(known, 0.5m),
                Percentiles.Inclusive(known, 0.75m), known.Count > 0 ? known.Min() : null, known.Count > 0 ? known.Max() : null, values));
        }
        return new PeerComparison(region, year, kind, result);
    }

    /// <summary>An agency's metric in every year the store holds an active report for it.</summary>
    public static IReadOnlyList<MetricTrendPoint> MetricTrend(this ReportStore store, long agencyId, string metric)
    {
        using var c = store.Connect();
        return c.Query<(int Year, object? Value, string? Reason)>("""
            SELECT r.year, m.value, m.reason FROM reports r JOIN version_metrics m ON m.version_id = r.active_version_id
            WHERE r.agency_id = @agencyId AND m.metric = @metric AND r.year IS NOT NULL ORDER BY r.year
            """, new { agencyId, metric }).Select(x => new MetricTrendPoint(x.Year, Dialect.ReadDecimal(x.Value), x.Reason)).ToList();
    }
}
