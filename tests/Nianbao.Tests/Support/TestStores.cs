using Dapper;
using Nianbao.Storage;
using Npgsql;

namespace Nianbao.Tests.Support;

/// <summary>
/// A fresh, empty store per test on a real database: a SQLite file in a temp folder, or a new schema in the
/// PostgreSQL that <c>./test</c> starts with <c>pg_virtualenv</c> (PG* variables). No mocks: PostgreSQL tests fail,
/// not skip, when no server is configured.
/// </summary>
public static class TestStores
{
    public static TheoryData<string> Backends => new() { "sqlite", "postgres" };

    public static StoreLocation Create(string backend)
    {
        if (backend == "sqlite")
        {
            var dir = Path.Combine(Path.GetTempPath(), "nianbao-store-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return StoreLocation.Parse(Path.Combine(dir, "test.db"));
        }
        if (Environment.GetEnvironmentVariable("PGHOST") is null)
            throw new InvalidOperationException("PostgreSQL 测试需要 PG* 环境变量：请用 ./test 运行（它用 pg_virtualenv 启动临时 PostgreSQL）");
        var schema = "t_" + Guid.NewGuid().ToString("N");
        using (var c = new NpgsqlConnection(StoreLocation.FromPgEnvironment().ConnectionString))
        {
            c.Open();
            c.Execute($"CREATE SCHEMA {schema}");
        }
        return StoreLocation.FromPgEnvironment(searchPath: schema);
    }

    public static ReportStore Open(string backend) => ReportStore.Open(Create(backend));

    /// <summary>The value to pass as <c>--db</c> to the program for this store.</summary>
    public static string DbArgument(StoreLocation location) =>
        location.Kind == DatabaseKind.Sqlite ? location.Display : location.ConnectionString;
}
