using System.Text.Json;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary><c>nianbao compare</c> and <c>nianbao review-report</c> as a user runs them.</summary>
public class PeerCliTests
{
    private static string Raw(string name) => Path.Combine(AppContext.BaseDirectory, "RealForms", "raw", name);

    [Fact]
    public void Compare_prints_the_quartiles_and_review_report_writes_each_format()
    {
        var dir = StoreTestData.NewFolder();
        var db = Path.Combine(dir, "cli.db");
        var (exit, _, _) = NianbaoProcess.Run("ingest", "--db", db, Raw("pingtan-2023.collapsed.txt"), Raw("shuyang-fgj-2023.docx"), Raw("hongze-2023.wps.pdf"));
        Assert.Equal(0, exit == 1 ? 0 : exit); // 1 = findings present, still stored
        var map = Path.Combine(dir, "map.csv");
        File.WriteAllText(map, "agency,region,parent,kind\n平潭综合实验区,示范区,测试省,人民政府\n沭阳县发展和改革局,示范区,测试省,\n洪泽区人民政府,示范区,测试省,\n");
        (exit, _, _) = NianbaoProcess.Run("regions", "import", "--db", db, map);
        Assert.Equal(0, exit);

        (exit, var output, _) = NianbaoProcess.Run("compare", "--db", db, "--region", "示范区", "--year", "2023", "--metric", "disclosure_rate", "--json");
        Assert.Equal(0, exit);
        var m = JsonDocument.Parse(output).RootElement.GetProperty("metrics")[0];
        Assert.Equal(3, m.GetProperty("count").GetInt32());
        Assert.Equal(35.45m, m.GetProperty("p25").GetDecimal());   // 19.05 + 0.5 × (51.85 − 19.05)
        Assert.Equal(51.85m, m.GetProperty("p50").GetDecimal());
        Assert.Equal(75.925m, m.GetProperty("p75").GetDecimal());

        // The imported kind: 平潭综合实验区 is compared with the 人民政府.
        (exit, output, _) = NianbaoProcess.Run("compare", "--db", db, "--region", "示范区", "--year", "2023", "--kind", "人民政府", "--agency", "平潭综合实验区", "--metric", "new_applications");
        Assert.Equal(0, exit);
        Assert.Contains("平潭综合实验区", output);
        Assert.Contains("51", output); // P50 of 21 and 81
        (exit, _, var err) = NianbaoProcess.Run("compare", "--db", db, "--region", "示范区", "--year", "2023", "--metric", "no_such_metric");
        Assert.NotEqual(0, exit);

        foreach (var format in new[] { "docx", "xlsx", "html" })
        {
            var file = Path.Combine(dir, "review." + format);
            (exit, output, err) = NianbaoProcess.Run("review-report", "--db", db, "--region", "示范区", "--year", "2023", "--to", format, "-o", file);
            Assert.True(exit == 0, err);
            Assert.Contains("应报送 3 个机关，已报送 3 个", output);
            Assert.True(new FileInfo(file).Length > 1000);
        }
    }
}
