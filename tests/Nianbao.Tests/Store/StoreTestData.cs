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

    /// <summary>Versions whose cell count is not exactly their edition's: must always be zero (nothing half written).</summary>
    public static long IncompleteVersions(ReportStore store)
    {
        using var c = store.Connect();
        var counts = c.Query<(long Id, long Edition, long Cells)>(
            "SELECT v.id, COALESCE(v.edition, 0), (SELECT COUNT(*) FROM cells k WHERE k.version_id = v.id) FROM report_versions v").ToList();
        return counts.Count(v => v.Edition == 0 ? v.Cells != 0 : v.Cells != TemplateCatalog.Default[(Edition)(int)v.Edition].Cells.Count);
    }
}
