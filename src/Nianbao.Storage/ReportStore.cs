using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nianbao.Storage;

/// <summary>An opened, migrated store. Cheap to keep; every operation opens its own pooled connection.</summary>
public sealed class ReportStore
{
    internal Dialect Dialect { get; }
    public StoreLocation Location { get; }

    private ReportStore(StoreLocation location)
    {
        Location = location;
        Dialect = Dialect.For(location.Kind);
    }

    /// <summary>Opens (creating a SQLite file if needed) and brings the schema up to date.</summary>
    public static ReportStore Open(StoreLocation location)
    {
        var store = new ReportStore(location);
        try
        {
            if (location.Kind == DatabaseKind.Sqlite)
                Directory.CreateDirectory(Path.GetDirectoryName(location.Display) ?? ".");
            using var c = store.Connect();
            Migrations.Apply(c, store.Dialect);
            FindingKeys.Backfill(c, store.Dialect);
            MetricRows.Backfill(store);
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"无法打开数据库 {location.Display}：{e.Message}", e);
        }
        return store;
    }

    static ReportStore() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    internal DbConnection Connect() => Dialect.Open(Location.ConnectionString);
}
