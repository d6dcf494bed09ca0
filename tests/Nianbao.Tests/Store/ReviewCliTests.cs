using Nianbao.Storage;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>review, list --status, diff and batches as real processes, the way the README shows them.</summary>
public class ReviewCliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => NianbaoProcess.Run(args);

    [Fact]
    public void Review_diff_and_batches_work_from_the_command_line()
    {
        var location = TestStores.Create("sqlite");
        var db = TestStores.DbArgument(location);
        var (exit, output, _) = Run("ingest", "--db", db, Path.Combine(AppContext.BaseDirectory, "Samples"));
        Assert.Equal(0, exit);
        Assert.Contains("批次 1", output);
        var store = ReportStore.Open(location);
        var report = store.Find("鹤岗市科学技术局", 2020)!;
        var h6 = report.Reviews.Single(r => r.Finding.Rule == "DOC.H6");
        var id = report.Listing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        (_, output, _) = Run("show", "--db", db, id);
        Assert.Contains($"{h6.Fingerprint} 待复核 错误 DOC.H6", output);
        (exit, output, _) = Run("review", "--db", db, id, "--finding", h6.Fingerprint, "--status", "dismissed");
        Assert.NotEqual(0, exit);
        Assert.Contains("必须说明理由", output);
        (exit, output, _) = Run("review", "--db", db, id, "--finding", h6.Index!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "--status", "dismissed", "--reason", "附件中有", "--user", "赵");
        Assert.Equal(0, exit);
        Assert.Contains("不是问题，理由：附件中有", output);
        (_, output, _) = Run("list", "--db", db, "--rule", "DOC.H6");
        Assert.Contains("共 1 份报告", output);
        (_, output, _) = Run("list", "--db", db, "--rule", "DOC.H6", "--include-dismissed");
        Assert.Contains("共 2 份报告", output);
        (_, output, _) = Run("list", "--db", db, "--status", "dismissed");
        Assert.Contains("共 1 份报告", output);
        (_, output, _) = Run("show", "--db", db, id);
        Assert.Contains("另有 1 条已判定“不是问题”", output);

        Run("correct", "--db", db, id, "--cell", "t3.granted.natural_person", "--value", "3", "--reason", "核对原件");
        (exit, output, _) = Run("diff", "--db", db, id);
        Assert.Equal(0, exit);
        Assert.Contains("第1版 → 第2版", output);
        Assert.Contains("不同的单元格 1 个", output);
        Assert.Contains("t3.granted.natural_person  表三“（一）予以公开”的“自然人”：0 → 3", output);

        (_, output, _) = Run("batches", "list", "--db", db);
        Assert.Contains("共 1 个批次", output);
        (_, output, _) = Run("batches", "show", "--db", db, "1");
        Assert.Contains("003_3eb821f3d5e72289.txt", output);
        (exit, output, _) = Run("batches", "rollback", "--db", db, "1", "--reason", "整批重来");
        Assert.Equal(0, exit);
        Assert.Contains("批次 1 已回滚：作废 6 个版本", output); // five readings and the correction made on one
        (_, output, _) = Run("list", "--db", db);
        Assert.Contains("共 0 份报告", output);
        (exit, output, _) = Run("ingest", "--db", db, Path.Combine(AppContext.BaseDirectory, "Samples"));
        Assert.Contains("新入库 5", output);
    }
}
