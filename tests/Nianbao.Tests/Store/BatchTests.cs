using Nianbao.Fixtures;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>Ingest batches: files and outcomes recorded, failed files retried, a batch rolled back with cross-year findings and reviews following.</summary>
public class BatchTests
{
    private const string Agency = "鹤岗市科学技术局";

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Rolling_back_a_batch_restores_the_previous_versions_and_refreshes_cross_year_findings(string backend)
    {
        var store = TestStores.Open(backend);
        var series = ReportSeries.Continuous(seed: 7, Agency, 2021, 3);
        var dir = StoreTestData.NewFolder();
        var good = StoreTestData.Write(dir, series.Take(2));
        var junk = Path.Combine(dir, "junk.txt");
        File.WriteAllText(junk, "这不是年度报告");

        var first = new IngestRunner(store) { User = "甲" };
        first.Run([.. good, junk]);
        var batch1 = first.BatchId!.Value;
        var b1 = store.Batch(batch1)!;
        Assert.Equal(("cli", "甲", "done", 3, 2, 1), (b1.Origin, b1.CreatedBy, b1.Status, b1.Files, b1.Stored, b1.Failed));
        var failedFile = Assert.Single(store.BatchFiles(batch1), f => f.Outcome == "failed");
        Assert.False(string.IsNullOrEmpty(failedFile.Message));
        Assert.Equal(Path.GetFullPath(junk), failedFile.DiskPath);
        var r2022 = store.Find(Agency, 2022)!;
        Assert.DoesNotContain(r2022.CrossYearFindings, f => f.Rule == "X.S1");

        // Batch 2: a re-issued 2022 whose carry-over breaks with 2021, and 2023 for the first time.
        var broken = new Dictionary<string, decimal>(series[1].Cells);
        foreach (var key in new[] { "t3.carried_over.natural_person", "t3.carried_over.total", "t3.carried_forward.natural_person", "t3.carried_forward.total" })
            broken[key] += 1;
        var dir2 = StoreTestData.NewFolder();
        var second = new IngestRunner(store) { User = "乙" };
        second.Run(StoreTestData.Write(dir2, [series[1] with { Cells = broken }, series[2]]));
        var batch2 = second.BatchId!.Value;
        r2022 = store.Get(r2022.Listing.Id)!;
        Assert.Equal(2, r2022.Listing.Version);
        var s1 = r2022.Reviews.Where(r => r.Finding.Rule == "X.S1").ToList();
        Assert.NotEmpty(s1);
        store.ReviewRule([r2022.Listing.Id], "X.S1", ReviewStatus.Confirmed, null, "甲");
        var r2023Id = store.Find(Agency, 2023)!.Listing.Id;

        Assert.Throws<StoreException>(() => store.Rollback(batch2, " ", "乙"));
        var result = store.Rollback(batch2, "上传了错误的文件", "乙");
        Assert.Equal(2, result.Versions);

        // 2022 is back at its first version, the carry-over break is gone (and so 已整改), 2023 has left the lists.
        r2022 = store.Get(r2022.Listing.Id)!;
        Assert.Equal(1, r2022.Listing.Version);
        Assert.Equal(series[1].Cells["t3.carried_over.total"], r2022.Report.Value("t3.carried_over.total"));
        Assert.DoesNotContain(r2022.CrossYearFindings, f => f.Rule == "X.S1");
        Assert.All(r2022.Reviews.Where(r => r.Finding.Rule == "X.S1"), r => Assert.Equal(ReviewStatus.Resolved, r.Status));
        Assert.Equal([null, batch2], r2022.Versions.Select(v => v.WithdrawnByBatch));
        Assert.Null(store.Get(r2023Id));
        Assert.Null(store.Find(Agency, 2023));
        Assert.Equal(2, store.List(new ReportFilter(Agency: Agency)).Count);
        Assert.Equal(0, StoreTestData.Count(store, "SELECT COUNT(*) FROM reports WHERE cross_year_stale = 1"));
        var b2 = store.Batch(batch2)!;
        Assert.Equal(("rolled_back", "乙", "上传了错误的文件"), (b2.Status, b2.RolledBackBy, b2.RollbackReason));
        Assert.Throws<StoreException>(() => store.Rollback(batch2, "再来一次", "乙"));

        // The rolled-back files are not "already known": ingested again, they are stored again.
        var third = new IngestRunner(store).Run(Directory.GetFiles(dir2));
        Assert.All(third, r => Assert.Equal(IngestOutcome.Stored, r.Outcome));
        Assert.Contains(store.Find(Agency, 2022)!.CrossYearFindings, f => f.Rule == "X.S1");
        Assert.All(store.Find(Agency, 2022)!.Reviews.Where(r => r.Finding.Rule == "X.S1"), r => Assert.Equal(ReviewStatus.Confirmed, r.Status));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_retry_reads_the_failed_files_again_as_a_new_batch(string backend)
    {
        var store = TestStores.Open(backend);
        var dir = StoreTestData.NewFolder();
        var late = Path.Combine(dir, "late.txt");
        File.WriteAllText(late, "稍后补交");
        var gone = Path.Combine(dir, "gone.txt");
        File.WriteAllText(gone, "也不是报告");
        var runner = new IngestRunner(store);
        runner.Run([late, gone]);
        var batch = runner.BatchId!.Value;
        Assert.Equal(2, store.Batch(batch)!.Failed);

        // The file is replaced by the real report; the other one is deleted meanwhile.
        File.Copy(Parse.SamplePath("003_3eb821f3d5e72289.txt"), late, overwrite: true);
        File.Delete(gone);
        var retry = store.Retry(batch, "丙");
        Assert.Equal(["gone.txt"], retry.Missing.Select(Path.GetFileName));
        var stored = Assert.Single(retry.Results);
        Assert.Equal(IngestOutcome.Stored, stored.Outcome);
        var b = store.Batch(retry.BatchId!.Value)!;
        Assert.Equal((batch, "丙", 1, 1), (b.RetryOf!.Value, b.CreatedBy, b.Files, b.Stored));
        Assert.NotNull(store.Find(Agency, 2020));
        Assert.Throws<StoreException>(() => store.Retry(retry.BatchId!.Value, "丙"));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_failed_upload_is_kept_so_its_batch_can_be_retried(string backend)
    {
        var store = TestStores.Open(backend);
        var dir = StoreTestData.NewFolder();
        var path = Path.Combine(dir, "0");
        File.WriteAllText(path, "上传的不是报告");
        var runner = new IngestRunner(store) { Origin = Batches.Web, User = "reviewer", KeepFailedOriginals = true };
        runner.Run([path], sourceName: _ => "上传.txt");
        File.Delete(path); // an upload's temporary folder is removed after its batch
        var file = Assert.Single(store.BatchFiles(runner.BatchId!.Value));
        Assert.Equal(("上传.txt", null, "failed"), (file.Name, file.DiskPath, file.Outcome));
        var retry = store.Retry(runner.BatchId!.Value, "reviewer");
        Assert.Empty(retry.Missing);
        Assert.Equal(IngestOutcome.Failed, Assert.Single(retry.Results).Outcome);
        Assert.Equal("上传.txt", Assert.Single(store.BatchFiles(retry.BatchId!.Value)).Name);
    }
}
