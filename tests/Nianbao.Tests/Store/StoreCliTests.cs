using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>The README's store walk-through as real processes: ingest, list, show, correct, export, regions, summary.</summary>
public class StoreCliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => NianbaoProcess.Run(args);

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void The_store_commands_work_end_to_end(string backend)
    {
        var db = TestStores.DbArgument(TestStores.Create(backend));
        var samples = Path.Combine(AppContext.BaseDirectory, "Samples");
        var (exit, output, _) = Run("ingest", "--db", db, samples);
        Assert.Equal(0, exit);
        Assert.Contains("新入库 5，已存在 0，无法读取 0", output);

        (exit, output, _) = Run("list", "--db", db, "--region", "鹤岗市");
        Assert.Equal(0, exit);
        Assert.Contains("共 3 份报告", output);
        Assert.Contains("鹤岗市营商环境建设监督局", output);
        (_, output, _) = Run("list", "--db", db, "--rule", "DOC.H6");
        Assert.Contains("共 2 份报告", output);

        (exit, output, _) = Run("correct", "--db", db, "--agency", "鹤岗科学技术局", "--year", "2020",
            "--cell", "t3.granted.natural_person", "--value", "3", "--reason", "核对原件", "--user", "王审核");
        Assert.Equal(1, exit); // the corrected report now has arithmetic errors
        Assert.Contains("已保存为第2版", output);
        (exit, output, _) = Run("show", "--db", db, "--agency", "鹤岗市科学技术局", "--year", "2020");
        Assert.Equal(0, exit);
        Assert.Contains("T3.H2", output);
        Assert.Contains("更正 第2版 t3.granted.natural_person：0 → 3，王审核", output);

        var xlsx = Path.Combine(StoreTestData.NewFolder(), "导出.xlsx");
        (exit, _, var err) = Run("export", "--db", db, "--format", "xlsx", "-o", xlsx, "--year", "2020");
        Assert.Equal(0, exit);
        Assert.Contains("已导出 5 份报告", err);
        using (var book = SpreadsheetDocument.Open(xlsx, false))
            Assert.Equal(6, book.WorkbookPart!.Workbook.Sheets!.ChildElements.Count); // 报告, 表二–表四, 问题, 指标
        Assert.False(File.Exists(xlsx + ".tmp"));

        var map = Path.Combine(StoreTestData.NewFolder(), "map.csv");
        File.WriteAllText(map, "机关,地区,上级地区\n鹤岗市财政局,鹤岗市,黑龙江省\n绥棱县工业信息科技局,绥棱县,黑龙江省/绥化市\n", new UTF8Encoding(true));
        (exit, output, _) = Run("regions", "import", "--db", db, map);
        Assert.Equal(0, exit);
        Assert.Contains("已导入 2 个机关的地区", output);

        (exit, output, _) = Run("summary", "--db", db, "--region", "黑龙江省", "--year", "2020", "--json");
        using var doc = JsonDocument.Parse(output);
        var included = doc.RootElement.GetProperty("included").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(4, included.Count); // three 鹤岗市 agencies moved under 黑龙江省 with their region, and 绥棱县's
        Assert.Contains("绥棱县工业信息科技局", included);
        Assert.Equal(["鹤岗市财政局"], doc.RootElement.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2019", doc.RootElement.GetProperty("edition").GetString());
        // The corrected report no longer adds up, so neither does the sum: the same rules say so, and the exit code too.
        Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "T3.H2");
        Assert.Equal(1, exit);

        (exit, _, _) = Run("summary", "--db", db, "--region", "没有这个地区", "--year", "2020");
        Assert.Equal(2, exit);
    }
}
