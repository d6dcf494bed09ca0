using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Nianbao.Pipeline;
using Nianbao.Template;
using Npgsql;
using NpgsqlTypes;

namespace Nianbao.Storage;

/// <summary>What differs between SQLite and PostgreSQL; every other statement is written once for both.</summary>
internal abstract class Dialect
{
    public abstract DbConnection Open(string connectionString);

    /// <summary>A connection for bulk ingest (PostgreSQL: commits do not wait for the WAL flush, see below).</summary>
    public virtual DbConnection OpenForIngest(string connectionString) => Open(connectionString);

    /// <summary>Replaces the schema's type tokens.</summary>
    public abstract string Ddl(string sql);

    /// <summary>Serialises writers that touch one agency (its names, reports and cross-year findings).</summary>
    public abstract void LockAgency(DbConnection c, DbTransaction tx, string looseKey);

    /// <summary>Serialises schema migration between processes.</summary>
    public abstract void LockMigrations(DbConnection c, DbTransaction tx);

    public abstract DbTransaction BeginWrite(DbConnection c);

    /// <summary>A decimal as the database returns it (SQLite: text).</summary>
    public static decimal? ReadDecimal(object? value) => value switch
    {
        null or DBNull => null,
        decimal d => d,
        string s => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture),
        long l => l,
        double f => (decimal)f,
        _ => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A decimal as it is written: exact text for SQLite, numeric for PostgreSQL.</summary>
    public abstract object? WriteDecimal(decimal? value);

    /// <summary>Writes a version's cells in as few round trips as the database allows.</summary>
    public abstract void InsertCells(DbConnection c, DbTransaction tx, long versionId, IReadOnlyDictionary<string, CellValue> cells);

    public static Dialect For(DatabaseKind kind) => kind == DatabaseKind.Sqlite ? new SqliteDialect() : new PostgresDialect();
}

internal sealed class SqliteDialect : Dialect
{
    public override DbConnection Open(string connectionString)
    {
        var c = new SqliteConnection(connectionString);
        c.Open();
        // WAL lets readers run during an ingest; NORMAL sync keeps every commit atomic and durable against a
        // killed process (only a power cut can lose the last commits, never half of one).
        c.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
        return c;
    }

    public override string Ddl(string sql) => sql
        .Replace("{id}", "INTEGER PRIMARY KEY")
        .Replace("{ref}", "INTEGER")
        .Replace("{decimal}", "TEXT");

    // SQLite has one writer at a time: the IMMEDIATE transaction already serialises everything.
    public override void LockAgency(DbConnection c, DbTransaction tx, string looseKey) { }

    public override void LockMigrations(DbConnection c, DbTransaction tx) { }

    // IMMEDIATE: take the write lock at BEGIN, so two processes never deadlock upgrading read locks.
    public override DbTransaction BeginWrite(DbConnection c) => ((SqliteConnection)c).BeginTransaction(deferred: false);

    public override object? WriteDecimal(decimal? value) =>
        value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override void InsertCells(DbConnection c, DbTransaction tx, long versionId, IReadOnlyDictionary<string, CellValue> cells)
    {
        // One prepared statement reused for every cell: SQLite's per-row cost is then a bind and a step.
        using var cmd = (SqliteCommand)c.CreateCommand();
        cmd.Transaction = (SqliteTransaction)tx;
        cmd.CommandText = "INSERT INTO cells (version_id, key, value, status, unit, method, line, col, raw, locator) " +
                          "VALUES ($v, $k, $value, $s, $u, $m, $l, $c, $r, $loc)";
        var ps = new[] { "$v", "$k", "$value", "$s", "$u", "$m", "$l", "$c", "$r", "$loc" }
            .Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        cmd.Prepare();
        ps[0].Value = versionId;
        foreach (var (key, cell) in cells)
        {
            ps[1].Value = key;
            ps[2].Value = (object?)WriteDecimal(cell.Value) ?? DBNull.Value;
            ps[3].Value = ReportJson.StatusName(cell.Status);
            ps[4].Value = (object?)cell.Unit ?? DBNull.Value;
            ps[5].Value = (object?)cell.Source?.Method ?? DBNull.Value;
            ps[6].Value = (object?)cell.Source?.Line ?? DBNull.Value;
            ps[7].Value = (object?)cell.Source?.Column ?? DBNull.Value;
            ps[8].Value = (object?)cell.Source?.Raw ?? DBNull.Value;
            ps[9].Value = (object?)cell.Source?.Locator ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }
    }
}

internal sealed class PostgresDialect : Dialect
{
    public override DbConnection Open(string connectionString)
    {
        var c = new NpgsqlConnection(connectionString);
        c.Open();
        return c;
    }

    public override DbConnection OpenForIngest(string connectionString)
    {
        var c = Open(connectionString);
        // Each file is still one atomic transaction; only a crash of the database server itself could lose the last
        // few commits, and those files are simply ingested again by the next run (their hashes were lost with them).
        c.Execute("SET synchronous_commit = off");
        return c;
    }

    public override string Ddl(string sql) => sql
        .Replace("{id}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
        .Replace("{ref}", "BIGINT")
        .Replace("{decimal}", "NUMERIC");

    public override void LockAgency(DbConnection c, DbTransaction tx, string looseKey) =>
        c.Execute("SELECT pg_advisory_xact_lock(1, hashtext(@k))", new { k = looseKey }, tx);

    public override void LockMigrations(DbConnection c, DbTransaction tx) =>
        c.Execute("SELECT pg_advisory_xact_lock(0, 20260001)", transaction: tx);

    public override DbTransaction BeginWrite(DbConnection c) => c.BeginTransaction();

    public override object? WriteDecimal(decimal? value) => value;

    public override void InsertCells(DbConnection c, DbTransaction tx, long versionId, IReadOnlyDictionary<string, CellValue> cells)
    {
        // One statement for the whole version: parallel arrays unnested server-side.
        var list = cells.ToList();
        using var cmd = (NpgsqlCommand)c.CreateCommand();
        cmd.Transaction = (NpgsqlTransaction)tx;
        cmd.CommandText = "INSERT INTO cells (version_id, key, value, status, unit, method, line, col, raw, locator) " +
                          "SELECT @v, * FROM unnest(@k, @value, @s, @u, @m, @l, @c, @r, @loc)";
        cmd.Parameters.AddWithValue("v", versionId);
        cmd.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = list.Select(x => x.Key).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("value", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = list.Select(x => x.Value.Value).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = list.Select(x => ReportJson.StatusName(x.Value.Status)).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("u", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = list.Select(x => x.Value.Unit).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = list.Select(x => x.Value.Source?.Method).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("l", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = list.Select(x => x.Value.Source?.Line).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = list.Select(x => x.Value.Source?.Column).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = list.Select(x => x.Value.Source?.Raw).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("loc", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = list.Select(x => x.Value.Source?.Locator).ToArray() });
        cmd.ExecuteNonQuery();
    }
}
