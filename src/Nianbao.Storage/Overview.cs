using Dapper;

namespace Nianbao.Storage;

/// <summary>A region with how many agencies and reports it holds (its sub-regions included).</summary>
public sealed class RegionListing
{
    public string Path { get; set; } = "";
    public int Agencies { get; set; }
    public int Reports { get; set; }
}

/// <summary>How many of a region-year's reports have a finding of one rule (cross-year rules included).</summary>
public sealed class RuleCount
{
    public string Rule { get; set; } = "";
    public string Severity { get; set; } = "";
    public int Reports { get; set; }
}

/// <summary>The queries behind the dashboard: which years and regions exist, and how often each rule fails.</summary>
public static class Overview
{
    public static IReadOnlyList<int> Years(this ReportStore store)
    {
        using var c = store.Connect();
        return c.Query<int>("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year DESC").ToList();
    }

    /// <summary>Every region, with counts over its whole subtree, in path order.</summary>
    public static IReadOnlyList<RegionListing> RegionListings(this ReportStore store)
    {
        using var c = store.Connect();
        return c.Query<RegionListing>("""
            SELECT g.path,
                   (SELECT COUNT(*) FROM agencies a JOIN regions s ON s.id = a.region_id WHERE s.path = g.path OR s.path LIKE g.path || '/%') AS agencies,
                   (SELECT COUNT(*) FROM reports r JOIN agencies a ON a.id = r.agency_id JOIN regions s ON s.id = a.region_id
                    WHERE s.path = g.path OR s.path LIKE g.path || '/%') AS reports
            FROM regions g ORDER BY g.path
            """).ToList();
    }

    /// <summary>Per rule, the reports of the region-year with at least one finding of it, most frequent first.</summary>
    public static IReadOnlyList<RuleCount> RuleCounts(this ReportStore store, string region, int year)
    {
        using var c = store.Connect();
        return c.Query<RuleCount>($"""
            SELECT rule, severity, COUNT(DISTINCT report_id) AS reports FROM (
              SELECT f.rule, f.severity, r.id AS report_id FROM reports r JOIN agencies a ON a.id = r.agency_id
                JOIN findings f ON f.version_id = r.active_version_id
                WHERE r.year = @year AND a.region_id IN ({Regions.SubtreeSql}) AND NOT {FindingReviews.DismissedSql("f", "r.id")}
              UNION ALL
              SELECT x.rule, x.severity, r.id FROM reports r JOIN agencies a ON a.id = r.agency_id
                JOIN cross_year_findings x ON x.report_id = r.id
                WHERE r.year = @year AND a.region_id IN ({Regions.SubtreeSql}) AND NOT {FindingReviews.DismissedSql("x", "r.id")}
            ) t GROUP BY rule, severity ORDER BY COUNT(DISTINCT report_id) DESC, rule
            """, new { region, year }).ToList();
    }
}
