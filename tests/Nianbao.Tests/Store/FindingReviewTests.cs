using Dapper;
using Nianbao.Fixtures;
using Nianbao.Rendering;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>Finding review: statuses that follow a finding across re-ingests and corrections, 已整改 set by itself, dismissed findings out of every count, audited.</summary>
public class FindingReviewTests
{
    private const string Key = "t3.new_received.natural_person";

    /// <summary>A generated 2021 report with one leaf printed one too high (its rules fail on that cell until corrected), as HTML.</summary>
    private static (string Path, GeneratedReport Report) Misprinted(string dir, string name = "misprinted.html", string extra = "")
    {
        var g = ReportGenerator.Generate(4242, Edition.E2021, sparse: 0.3) with { Agency = "鹤岗市测试局", Year = 2022, Published = new DateOnly(2023, 1, 20) };
        var wrong = new Dictionary<string, decimal> { [Key] = g.Cells[Key] + 1 };
        var path = System.IO.Path.Combine(dir, name);
        File.WriteAllText(path, HtmlRenderer.Render(g.ToReport(wrong)) + extra);
        return (path, g);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_status_follows_its_finding_through_a_reingest_and_a_correction_and_a_fixed_finding_is_resolved(string backend)
    {
        var store = TestStores.Open(backend);
        var dir = StoreTestData.NewFolder();
        var (path, g) = Misprinted(dir);
        var sample = Parse.SamplePath("001_adb888ebb0553f89.txt");
        new IngestRunner(store).Run([path, sample]);
        var report = store.Find("鹤岗市测试局", 2022)!;
        var id = report.Listing.Id;
        var broken = report.Reviews.Where(r => r.Finding.Cells.Contains(Key) && r.Finding.Severity == Severity.Error).ToList();
        Assert.NotEmpty(broken);
        Assert.All(report.Reviews, r => Assert.Equal(ReviewStatus.Pending, r.Status));
        var other = report.Reviews.FirstOrDefault(r => !r.Finding.Cells.Contains(Key));

        // Confirm the misprint's findings by fingerprint, then set one back and forth by its number.
        foreach (var f in broken) store.SetReview(id, f.Fingerprint, ReviewStatus.Confirmed, null, "张审核");
        Assert.Throws<StoreException>(() => store.SetReview(id, broken[0].Fingerprint, ReviewStatus.Confirmed, null, "张审核"));
        Assert.Throws<StoreException>(() => store.SetReview(id, "no-such", ReviewStatus.Confirmed, null, "张审核"));
        Assert.Throws<StoreException>(() => store.SetReview(id, broken[0].Fingerprint, ReviewStatus.Resolved, null, "张审核"));

        // Re-ingest (other bytes, same report): a new active version, same fingerprints, same statuses.
        var (again, _) = Misprinted(dir, "again.html", "\n<!-- saved again -->");
        Assert.Equal(IngestOutcome.Stored, Assert.Single(new IngestRunner(store).Run([again])).Outcome);
        var reread = store.Get(id)!;
        Assert.Equal(2, reread.Listing.Version);
        foreach (var f in broken)
            Assert.Equal(ReviewStatus.Confirmed, reread.Reviews.Single(r => r.Fingerprint == f.Fingerprint).Status);

        // The correction removes the misprint: its confirmed findings are 已整改, by the system, with no index.
        var corrected = store.Apply(id, Key, g.Cells[Key], "原件核对", "张审核");
        Assert.DoesNotContain(corrected.Report.Findings, f => f.Cells.Contains(Key) && f.Severity == Severity.Error);
        foreach (var f in broken)
        {
            var r = corrected.Reviews.Single(x => x.Fingerprint == f.Fingerprint);
            Assert.Equal((ReviewStatus.Resolved, (int?)null, FindingReviews.SystemUser), (r.Status, r.Index, r.ReviewedBy));
        }
        Assert.Contains(store.List(new ReportFilter { Status = ReviewStatus.Resolved }), l => l.Id == id);
        Assert.DoesNotContain(store.List(new ReportFilter { Status = ReviewStatus.Confirmed }), l => l.Id == id);

        var log = store.ReviewLog(id);
        Assert.Equal(broken.Count * 2, log.Count);
        Assert.All(log.Take(broken.Count), e => Assert.Equal(("pending", "confirmed", "张审核"), (e.OldStatus, e.NewStatus, e.ChangedBy)));
        Assert.All(log.Skip(broken.Count), e => Assert.Equal(("confirmed", "resolved", FindingReviews.SystemUser), (e.OldStatus, e.NewStatus, e.ChangedBy)));
        Assert.All(log, e => Assert.False(string.IsNullOrEmpty(e.ChangedAt)));
        _ = other;
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Dismissed_findings_leave_counts_filters_and_charts_and_come_back_when_asked(string backend)
    {
        var store = TestStores.Open(backend);
        new IngestRunner(store).Run(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt"));
        var report = store.Find("鹤岗营商环境建设监督局", 2020)!;
        var id = report.Listing.Id;
        var h6 = report.Reviews.Single(r => r.Finding.Rule == "DOC.H6");
        Assert.Equal(1, report.Listing.Errors);
        Assert.Equal(2, store.RuleCounts("鹤岗市", 2020).Single(r => r.Rule == "DOC.H6").Reports);
        var errorsBefore = store.List(new ReportFilter(Severity: Severity.Error)).Select(l => l.Id).ToList();
        Assert.Contains(id, errorsBefore);

        Assert.Throws<StoreException>(() => store.SetReview(id, h6.Index!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), ReviewStatus.Dismissed, " ", "李"));
        var dismissed = store.SetReview(id, h6.Index!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), ReviewStatus.Dismissed, "第六部分在正文之后的附件中", "李");
        Assert.Equal((ReviewStatus.Dismissed, "第六部分在正文之后的附件中", "李"), (dismissed.Status, dismissed.Reason, dismissed.ReviewedBy));

        // Out of the list's counts, the severity and rule filters, the dashboard's rule shares and what readers see.
        Assert.Equal(0, store.List(new ReportFilter()).Single(l => l.Id == id).Errors);
        Assert.DoesNotContain(id, store.List(new ReportFilter(Severity: Severity.Error)).Select(l => l.Id));
        Assert.DoesNotContain(id, store.List(new ReportFilter(Rule: "DOC.H6")).Select(l => l.Id));
        Assert.Equal(1, store.RuleCounts("鹤岗市", 2020).Single(r => r.Rule == "DOC.H6").Reports);
        var seen = store.Get(id)!;
        Assert.DoesNotContain(seen.Report.Findings, f => f.Rule == "DOC.H6");
        Assert.Equal(1, seen.Dismissed);
        Assert.DoesNotContain(store.Stream(new ReportFilter()).Single(s => s.Listing.Id == id).Report.Findings, f => f.Rule == "DOC.H6");
        Assert.Contains(id, store.List(new ReportFilter { Status = ReviewStatus.Dismissed }).Select(l => l.Id));

        // 显示已排除: everything back.
        var all = new ReportFilter(Severity: Severity.Error) { IncludeDismissed = true };
        Assert.Equal(errorsBefore.Order(), store.List(all).Select(l => l.Id).Order());
        Assert.Equal(1, store.List(all).Single(l => l.Id == id).Errors);
        Assert.Contains(store.Get(id, includeDismissed: true)!.Report.Findings, f => f.Rule == "DOC.H6");

        // A correction (a new version) keeps the dismissal: the finding is the same one.
        store.Apply(id, "t3.granted.total", store.Get(id)!.Report.Value("t3.granted.total")!.Value, "核对", "李");
        Assert.Equal(ReviewStatus.Dismissed, store.Get(id)!.Reviews.Single(r => r.Finding.Rule == "DOC.H6").Status);

        // Back to 待复核: counted again; the audit has both changes.
        store.SetReview(id, h6.Fingerprint, ReviewStatus.Pending, "误判，重新复核", "王");
        Assert.Equal(1, store.List(new ReportFilter()).Single(l => l.Id == id).Errors);
        var log = store.ReviewLog(id);
        Assert.Equal([("pending", "dismissed", "李", "第六部分在正文之后的附件中"), ("dismissed", "pending", "王", "误判，重新复核")],
            log.Select(e => (e.OldStatus, e.NewStatus, e.ChangedBy, e.Reason!)));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_rule_is_reviewed_in_bulk_and_open_confirmed_findings_are_listed_for_the_region(string backend)
    {
        var store = TestStores.Open(backend);
        new IngestRunner(store).Run(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt"));
        var ids = store.List(new ReportFilter(Rule: "DOC.H6")).Select(l => l.Id).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Throws<StoreException>(() => store.ReviewRule(ids, "DOC.H6", ReviewStatus.Dismissed, null, "李"));
        Assert.Equal(2, store.ReviewRule(ids, "DOC.H6", ReviewStatus.Confirmed, "缺第六部分", "李"));
        Assert.Equal(0, store.ReviewRule(ids, "DOC.H6", ReviewStatus.Confirmed, "缺第六部分", "李"));
        var open = store.OpenFindings("鹤岗市", 2020);
        Assert.Equal(2, open.Count);
        Assert.All(open, o => Assert.Equal(("DOC.H6", "error", "李", 2020), (o.Rule, o.Severity, o.ReviewedBy, o.Year)));
        Assert.Equal(ids.Order(), open.Select(o => o.ReportId).Order());
        Assert.Empty(store.OpenFindings("鹤岗市", 2021));
        Assert.Equal(2, store.ReviewRule(ids, "DOC.H6", ReviewStatus.Dismissed, "附件中有", "李"));
        Assert.Empty(store.OpenFindings("鹤岗市", 2020));
        Assert.Empty(store.List(new ReportFilter(Rule: "DOC.H6")));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Findings_stored_before_migration_7_get_their_keys_when_the_store_opens(string backend)
    {
        var location = TestStores.Create(backend);
        var store = ReportStore.Open(location);
        new IngestRunner(store).Run([Parse.SamplePath("003_3eb821f3d5e72289.txt")]);
        using (var c = store.Connect()) c.Execute("UPDATE findings SET finding_key = NULL");
        var reopened = ReportStore.Open(location);
        Assert.Equal(0, StoreTestData.Count(reopened, "SELECT COUNT(*) FROM findings WHERE finding_key IS NULL"));
        Assert.Equal(1, StoreTestData.Count(reopened, "SELECT COUNT(*) FROM findings WHERE finding_key = 'DOC.H6|#缺少第六部分“其他需要报告的事项”'"));
    }
}
