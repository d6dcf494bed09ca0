using Dapper;

namespace Nianbao.Storage;

/// <summary>One line of a mapping file: an agency, its region, optionally the region's parent path and the agency's
/// kind for peer comparison (overrides the kind inferred from the name).</summary>
public sealed record RegionMapping(string Agency, string Region, string? Parent, string? Kind = null);

/// <summary>
/// Applies an agency → region → parent region mapping (e.g. from a CSV the 政务公开办 keeps): regions are created
/// as a tree, agencies not yet seen are created (so a summary can name them as missing), and a mapping always
/// overrides what was inferred from the name.
/// </summary>
public static class RegionMap
{
    public static int Import(this ReportStore store, IEnumerable<RegionMapping> mappings)
    {
        using var c = store.Connect();
        using var tx = store.Dialect.BeginWrite(c);
        var count = 0;
        foreach (var m in mappings)
        {
            if (string.IsNullOrWhiteSpace(m.Agency) || string.IsNullOrWhiteSpace(m.Region)) continue;
            var places = (m.Parent ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Append(m.Region.Trim()).ToList();
            var regionId = Regions.Ensure(c, tx, places, adoptRoots: true);
            var name = AgencyNames.Analyse(m.Agency);
            store.Dialect.LockAgency(c, tx, name.LooseKey);
            var agencyId = AgencyRegistry.Resolve(c, tx, name, regionId);
            c.Execute("UPDATE agencies SET region_id = @regionId, region_origin = 'import' WHERE id = @agencyId", new { regionId, agencyId }, tx);
            if (!string.IsNullOrWhiteSpace(m.Kind))
                c.Execute("UPDATE agencies SET kind = @kind WHERE id = @agencyId", new { kind = m.Kind.Trim(), agencyId }, tx);
            count++;
        }
        tx.Commit();
        return count;
    }
}
