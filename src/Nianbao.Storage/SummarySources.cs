using Dapper;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>An agency of a region, with its region path.</summary>
public sealed record RegionAgency(long Id, string Name, string? Region);

/// <summary>An agency's active report for a year, with the edition its active version uses.</summary>
public sealed record ActiveReport(long AgencyId, long Id, int? Edition);

/// <summary>
/// What a region's summary is computed from (Nianbao.Summary): the store only fetches, it never sums. A region
/// includes its sub-regions.
/// </summary>
public static class SummarySources
{
    /// <summary>The agencies of a region, by region path and name.</summary>
    public static IReadOnlyList<RegionAgency> RegionAgencies(this ReportStore store, string region)
    {
        using var c = store.Connect();
        return c.Query<(long Id, string Name, string? Region)>($"""
            SELECT a.id, a.name, g.path FROM agencies a LEFT JOIN regions g ON g.id = a.region_id
            WHERE a.region_id IN ({Regions.SubtreeSql}) ORDER BY g.path, a.name
            """, new { region }).Select(a => new RegionAgency(a.Id, a.Name, a.Region)).ToList();
    }

    /// <summary>The active report of each agency of the region that has one for the year.</summary>
    public static IReadOnlyList<ActiveReport> ActiveReports(this ReportStore store, string region, int year)
    {
        using var c = store.Connect();
        return c.Query<(long AgencyId, long Id, int? Edition)>($"""
            SELECT r.agency_id, r.id, v.edition FROM reports r JOIN agencies a ON a.id = r.agency_id
            JOIN report_versions v ON v.id = r.active_version_id
            WHERE r.year = @year AND a.region_id IN ({Regions.SubtreeSql})
            """, new { region, year }).Select(r => new ActiveReport(r.AgencyId, r.Id, r.Edition)).ToList();
    }

    /// <summary>The cells of the region's active reports of the year in one edition, streamed: one report in memory at a time.</summary>
    public static IEnumerable<(long AgencyId, IReadOnlyDictionary<string, CellValue> Cells)> ActiveCells(
        this ReportStore store, string region, int year, Edition edition)
    {
        using var c = store.Connect();
        foreach (var (agencyId, json) in c.Query<(long, string)>($"""
            SELECT r.agency_id, v.cells_json FROM reports r JOIN agencies a ON a.id = r.agency_id
            JOIN report_versions v ON v.id = r.active_version_id
            WHERE r.year = @year AND v.edition = @edition AND a.region_id IN ({Regions.SubtreeSql})
            """, new { region, year, edition = (int)edition }, buffered: false))
            yield return (agencyId, CellsJson.Read(json));
    }

    private sealed class YearTotal
    {
        public int Year { get; set; }
        public long Unknown { get; set; }
        public object? Total { get; set; }
    }

    /// <summary>
    /// One cell summed over the region for every year it has reports (through the per-cell view); a year where any
    /// report has the cell unknown has no total (null), never a partial sum.
    /// </summary>
    public static IReadOnlyList<(int Year, decimal? Total)> Trend(this ReportStore store, string region, string key)
    {
        using var c = store.Connect();
        return c.Query<YearTotal>($"""
            SELECT r.year AS year, SUM(CASE WHEN k.value IS NULL THEN 1 ELSE 0 END) AS unknown, SUM(CAST(k.value AS NUMERIC)) AS total
            FROM reports r JOIN agencies a ON a.id = r.agency_id JOIN cells k ON k.version_id = r.active_version_id
            WHERE k.key = @key AND a.region_id IN ({Regions.SubtreeSql})
            GROUP BY r.year ORDER BY r.year
            """, new { region, key })
            .Select(y => (y.Year, y.Unknown > 0 ? null : (decimal?)(Dialect.ReadDecimal(y.Total) ?? 0)))
            .ToList();
    }
}
