using System.Data.Common;
using Dapper;

namespace Nianbao.Storage;

/// <summary>
/// One identity per agency across name variants: an exact normalised match first, then the loose key when
/// one of the two names simply drops the administrative marker (鹤岗市X局 / 鹤岗X局). 朝阳区X局 and 朝阳市X局 share a
/// loose key but both carry a marker, so they stay two agencies; so does any name with more than one candidate.
/// </summary>
internal static class AgencyRegistry
{
    private sealed class Candidate
    {
        public long Id { get; set; }
        public string NameKey { get; set; } = "";
        public long? RegionId { get; set; }
    }

    /// <summary>The agency's id, creating it (and the regions its name implies) if new. Call under the agency lock.</summary>
    public static long Resolve(DbConnection c, DbTransaction tx, AgencyName name, long? knownRegionId = null)
    {
        var known = c.ExecuteScalar<long?>("SELECT agency_id FROM agency_names WHERE name_key = @Key", new { name.Key }, tx);
        if (known is { } id) return id;

        var candidates = c.Query<Candidate>("SELECT id, name_key, region_id FROM agencies WHERE loose_key = @LooseKey",
                new { name.LooseKey }, tx)
            .Where(a => a.NameKey == name.LooseKey || name.Key == name.LooseKey)
            .ToList();
        var regionId = knownRegionId ?? (name.Places.Count > 0 ? Regions.Infer(c, tx, name.Places) : null);
        long agencyId;
        if (candidates.Count == 1)
        {
            agencyId = candidates[0].Id;
            // The display name is the fuller spelling (鹤岗市X局 over 鹤岗X局), whichever arrived first: parallel
            // writers must not make the name depend on timing.
            if (name.Key != name.LooseKey && candidates[0].NameKey == name.LooseKey)
                c.Execute("UPDATE agencies SET name = @Name, name_key = @Key WHERE id = @agencyId", new { name.Name, name.Key, agencyId }, tx);
            if (candidates[0].RegionId is null && regionId is not null)
                c.Execute("UPDATE agencies SET region_id = @regionId, region_origin = 'name' WHERE id = @agencyId", new { regionId, agencyId }, tx);
        }
        else
        {
            agencyId = c.ExecuteScalar<long>("""
                INSERT INTO agencies (name, name_key, loose_key, region_id, region_origin)
                VALUES (@Name, @Key, @LooseKey, @regionId, @origin) RETURNING id
                """, new { name.Name, name.Key, name.LooseKey, regionId, origin = regionId is null ? null : "name" }, tx);
        }
        AddVariant(c, tx, name, agencyId);
        return agencyId;
    }

    /// <summary>Records another spelling of a known agency (e.g. the signature's), if it is not taken by another.</summary>
    public static void AddVariant(DbConnection c, DbTransaction tx, AgencyName name, long agencyId) =>
        c.Execute("INSERT INTO agency_names (name_key, name, agency_id) VALUES (@Key, @Name, @agencyId) ON CONFLICT (name_key) DO NOTHING",
            new { name.Key, name.Name, agencyId }, tx);
}

/// <summary>The region tree: paths such as 黑龙江省/鹤岗市, created on demand from names or a mapping file.</summary>
internal static class Regions
{
    /// <summary>The id of the region at the end of <paramref name="places"/>, creating each level as needed.</summary>
    /// <param name="adoptRoots">
    /// A mapping file knows the tree: a top-level region inferred from names alone (鹤岗市) is moved under the
    /// parent the mapping gives (黑龙江省/鹤岗市), with everything below it, instead of becoming a second 鹤岗市.
    /// </param>
    public static long Ensure(DbConnection c, DbTransaction tx, IReadOnlyList<string> places, bool adoptRoots = false)
    {
        long? parent = null;
        var path = "";
        foreach (var place in places)
        {
            var previous = path;
            path = path.Length == 0 ? place : path + "/" + place;
            if (adoptRoots && previous.Length > 0)
                c.Execute(AdoptSql, new { path, place, parent }, tx);
            c.Execute("INSERT INTO regions (path, name, parent_id) VALUES (@path, @place, @parent) ON CONFLICT (path) DO NOTHING",
                new { path, place, parent }, tx);
            parent = c.ExecuteScalar<long>("SELECT id FROM regions WHERE path = @path", new { path }, tx);
        }
        return parent ?? throw new ArgumentException("empty region path", nameof(places));
    }

    /// <summary>
    /// The region a name's places imply. The outermost place is looked up by name first, so that once a mapping has
    /// put 鹤岗市 under 黑龙江省, 鹤岗市X局 lands there too instead of in a second, top-level 鹤岗市.
    /// </summary>
    public static long Infer(DbConnection c, DbTransaction tx, IReadOnlyList<string> places)
    {
        var known = c.Query<string>("SELECT path FROM regions WHERE name = @name", new { name = places[0] }, tx).ToList();
        if (known.Count != 1) return Ensure(c, tx, places);
        return Ensure(c, tx, [.. known[0].Split('/'), .. places.Skip(1)]);
    }

    private const string AdoptSql = """
        UPDATE regions SET path = @path || substr(path, length(@place) + 1),
                           parent_id = CASE WHEN path = @place THEN @parent ELSE parent_id END
        WHERE (path = @place OR path LIKE @place || '/%') AND NOT EXISTS (SELECT 1 FROM regions WHERE path = @path)
        """;

    /// <summary>
    /// Region ids matching <c>@region</c> and all below them: a full path (黑龙江省/鹤岗市) or a bare
    /// name (鹤岗市, every region of that name).
    /// </summary>
    public const string SubtreeSql = """
        WITH RECURSIVE sub(id) AS (
          SELECT id FROM regions WHERE path = @region OR name = @region
          UNION SELECT r.id FROM regions r JOIN sub ON r.parent_id = sub.id)
        SELECT id FROM sub
        """;
}
