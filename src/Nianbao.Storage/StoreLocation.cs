using Npgsql;

namespace Nianbao.Storage;

/// <summary>Which database a <c>--db</c> value names: a SQLite file, or a PostgreSQL connection string.</summary>
public sealed record StoreLocation(DatabaseKind Kind, string ConnectionString, string Display)
{
    /// <summary>The default when neither <c>--db</c> nor <c>NIANBAO_DB</c> is given.</summary>
    public const string DefaultFile = "nianbao.db";

    public const string EnvironmentVariable = "NIANBAO_DB";

    /// <summary>
    /// <c>Host=…;…</c> (or <c>postgres://…</c>) is PostgreSQL; <c>postgres</c> alone builds the connection from the
    /// standard PG* variables (as <c>pg_virtualenv</c> sets them, which Npgsql does not read itself); anything else
    /// is a SQLite file path.
    /// </summary>
    public static StoreLocation Parse(string? value)
    {
        value = string.IsNullOrWhiteSpace(value) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : value;
        if (string.IsNullOrWhiteSpace(value)) value = DefaultFile;
        if (value is "postgres" or "postgresql" or "pg") return FromPgEnvironment();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return Postgres(FromUri(new Uri(value)));
        if (value.Contains('=', StringComparison.Ordinal) && value.Contains("host", StringComparison.OrdinalIgnoreCase)) return Postgres(value);
        var path = Path.GetFullPath(value);
        return new StoreLocation(DatabaseKind.Sqlite, $"Data Source={path};Pooling=True", path);
    }

    public static StoreLocation FromPgEnvironment(string? searchPath = null)
    {
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = Environment.GetEnvironmentVariable("PGHOST") ?? "localhost",
            Port = int.TryParse(Environment.GetEnvironmentVariable("PGPORT"), out var port) ? port : 5432,
            Username = Environment.GetEnvironmentVariable("PGUSER") ?? Environment.UserName,
            Password = Environment.GetEnvironmentVariable("PGPASSWORD"),
            Database = Environment.GetEnvironmentVariable("PGDATABASE") ?? Environment.GetEnvironmentVariable("PGUSER") ?? "postgres",
        };
        if (searchPath is not null) b.SearchPath = searchPath;
        return Postgres(b.ConnectionString);
    }

    private static StoreLocation Postgres(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        // The same few statements run for every file: let Npgsql prepare them (measured ~10 % faster ingest).
        if (b.MaxAutoPrepare == 0) { b.MaxAutoPrepare = 64; b.AutoPrepareMinUsages = 2; }
        var display = $"PostgreSQL {b.Host}:{b.Port}/{b.Database}" + (b.SearchPath is { } s ? $" ({s})" : "");
        return new StoreLocation(DatabaseKind.Postgres, b.ConnectionString, display);
    }

    private static string FromUri(Uri uri)
    {
        var user = uri.UserInfo.Split(':', 2);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = user.Length > 0 && user[0] != "" ? Uri.UnescapeDataString(user[0]) : null,
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
        };
        return b.ConnectionString;
    }
}

public enum DatabaseKind { Sqlite, Postgres }
