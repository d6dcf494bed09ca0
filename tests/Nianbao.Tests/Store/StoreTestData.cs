using Dapper;
using Nianbao.Fixtures;
using Nianbao.Storage;
using Nianbao.Template;

namespace Nianbao.Tests.Store;

/// <summary>Folders of report files written from generated reports, and row counts read straight from the database.</summary>
internal static class StoreTestData
{
    public static string NewFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nianbao-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes each report as Word-grid text (a layout the reader reads exactly) and returns the paths.</summary>
    public static List<string> Write(string dir, IEnumerable<GeneratedReport> reports)
    {
        var paths = new List<string>();
        foreach (var (r, i) in reports.Select((r, i) => (r, i)))
        {
            var path = Path.Combine(dir, $"{i:D5}_{r.Year}.txt");
            File.WriteAllText(path, Layouts.Render(r, Layout.TabGrid, i));
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Distinct agencies (one report each) for bulk tests: 测试市第N局, years alternating over both editions.</summary>
    public static IEnumerable<GeneratedReport> Many(int count, int seed = 1) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var year = 2019 + i % 6;
            var edition = year >= 2021 ? Edition.E2021 : Edition.E2019;
            return ReportGenerator.Generate(seed * 100_000 + i, edition) with
            {
                Agency = $"测试市第{i}服务中心", Year = year, Published = new DateOnly(year + 1, 1, 20),
            };
        });

    public static long Count(ReportStore store, string sql)
    {
        using var c = store.Connect();
        return c.ExecuteScalar<long>(sql);
    }

    /// <summary>Versions whose cells are not exactly their edition's keys: must always be zero (nothing half written).</summary>
    public static long IncompleteVersions(ReportStore store)
    {
        using var c = store.Connect();
        var versions = c.Query<(long Id, long Edition, string Cells)>("SELECT id, COALESCE(edition, 0), cells_json FROM report_versions").ToList();
        return versions.Count(v =>
        {
            var keys = CellsJson.Read(v.Cells).Keys.ToList();
            return v.Edition == 0 ? keys.Count != 0 : !keys.SequenceEqual(TemplateCatalog.Default[(Edition)(int)v.Edition].Cells.Select(d => d.Key));
        });
    }
}
