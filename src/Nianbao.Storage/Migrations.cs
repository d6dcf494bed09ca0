using System.Data.Common;
using Dapper;

namespace Nianbao.Storage;

/// <summary>
/// Versioned schema: every <c>Schema/NNN_name.sql</c> runs once, in order, in one transaction with its
/// record in <c>schema_migrations</c>; concurrent processes wait for each other instead of racing.
/// </summary>
internal static class Migrations
{
    /// <param name="Dialect">null for a file shared by both databases, else <c>sqlite</c> or <c>postgres</c>.</param>
    public sealed record Step(int Version, string Name, string? Dialect, string Sql);

    public static IReadOnlyList<Step> All { get; } = Load();

    public static int Latest => All[^1].Version;

    public static void Apply(DbConnection c, Dialect dialect)
    {
        using var tx = dialect.BeginWrite(c);
        dialect.LockMigrations(c, tx);
        c.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", transaction: tx);
        var applied = c.Query<int>("SELECT version FROM schema_migrations", transaction: tx).ToHashSet();
        var newest = applied.Count == 0 ? 0 : applied.Max();
        if (newest > Latest)
            throw new StoreException($"数据库的结构版本（{newest}）比本程序支持的（{Latest}）更新，请升级 Nianbao");
        foreach (var step in All.Where(s => !applied.Contains(s.Version) && (s.Dialect is null || s.Dialect == dialect.Name)))
        {
            c.Execute(dialect.Ddl(step.Sql), transaction: tx);
            c.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { step.Version, step.Name, At = Clock.Now() }, tx);
        }
        tx.Commit();
    }

    private static List<Step> Load()
    {
        var asm = typeof(Migrations).Assembly;
        const string prefix = "Nianbao.Storage.Schema.";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                // 002_cells_view.sqlite.sql: version 2, name cells_view, SQLite only.
                var parts = n[prefix.Length..^4].Split('.');
                using var reader = new StreamReader(asm.GetManifestResourceStream(n)!);
                return new Step(int.Parse(parts[0][..3], System.Globalization.CultureInfo.InvariantCulture), parts[0][4..],
                    parts.Length > 1 ? parts[1] : null, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }
}

/// <summary>A store-level failure with a message for the user (简体中文).</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);

internal static class Clock
{
    /// <summary>UTC, ISO 8601 with a Z: sorts as text in both databases.</summary>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
