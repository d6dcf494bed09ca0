using Dapper;

namespace Nianbao.Storage;

/// <summary>What the review report fetches from the store; the report itself is assembled in Nianbao.Summary.</summary>
public static class ReviewSources
{
    /// <summary>The agencies the region (sub-regions included) expects a report from: id, name, region path, imported kind.</summary>
    public static IReadOnlyList<(long Id, string Name, string? Region, string? Kind)> ExpectedAgencies(this ReportStore store, string region)
    {
        using var c = store.Connect();
        return c.Query<(long, string, string?, string?)>($"""
            SELECT a.id, a.name, g.path, a.kind FROM agencies a LEFT JOIN regions g ON g.id = a.region_id
            WHERE a.region_id IN ({Regions.SubtreeSql}) ORDER BY g.path, a.name
            """, new { region }).ToList();
    }
}
