using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>Ingest on both databases: what is stored equals what was parsed; twice is once; bad files are recorded.</summary>
public class IngestTests
{
    private static readonly string[] Tables = ["reports", "report_versions", "cells", "findings", "sources", "agencies"];

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Stored_reports_equal_the_parse_and_a_second_ingest_adds_nothing(string backend)
    {
        var store = TestStores.Open(backend);
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples")).Order().ToList();
        var first = new IngestRunner(store).Run(samples);
        Assert.All(first, r => Assert.Equal(IngestOutcome.Stored, r.Outcome));

        foreach (var path in samples)
        {
            var parsed = ReportPipeline.ParseFile(path).Report();
            var stored = store.Find(parsed.Agency!, parsed.Year!.Value);
            Assert.NotNull(stored);
            Assert.Equal(parsed.Edition, stored.Report.Edition);
            Assert.Equal(parsed.Published, stored.Report.Published);
            Assert.Equal(parsed.Title, stored.Report.Title);
            Assert.Equal(parsed.Cells.Keys, stored.Report.Cells.Keys);
            foreach (var (key, cell) in parsed.Cells)
            {
                Assert.Equal(cell.Value, stored.Report.Cells[key].Value);
                Assert.Equal(cell.Status, stored.Report.Cells[key].Status);
                Assert.Equal(cell.Source?.Line, stored.Report.Cells[key].Source?.Line);
            }
            Assert.Equal(parsed.Findings.Select(f => (f.Rule, f.Message)), stored.Report.Findings.Select(f => (f.Rule, f.Message)));
            Assert.Equal(parsed.Sections.Select(s => s.Text), stored.Report.Sections.Select(s => s.Text));
            Assert.Equal(path, stored.Listing.SourcePath);
        }

        var before = Tables.Select(t => StoreTestData.Count(store, $"SELECT COUNT(*) FROM {t}")).ToList();
        var second = new IngestRunner(store).Run(samples);
        Assert.All(second, r => Assert.Equal(IngestOutcome.AlreadyKnown, r.Outcome));
        Assert.Equal(before, Tables.Select(t => StoreTestData.Count(store, $"SELECT COUNT(*) FROM {t}")).ToList());
        Assert.Equal(5, before[0]);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Unreadable_files_are_recorded_with_their_reason_unidentified_ones_stored_as_pending_and_the_batch_goes_on(string backend)
    {
        var store = TestStores.Open(backend);
        var dir = StoreTestData.NewFolder();
        var junk = Path.Combine(dir, "a_junk.pdf");
        File.WriteAllBytes(junk, [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[4000].Select((_, i) => (byte)(i * 37))]);
        var noAgency = Path.Combine(dir, "b_no_agency.txt");
        var r = ReportGenerator.Generate(5, Edition.E2021) with { Agency = "" };
        File.WriteAllText(noAgency, Layouts.Render(r, Layout.TabGrid, 1).Replace("\n\n", "\n", StringComparison.Ordinal));
        var good = StoreTestData.Write(dir, [ReportGenerator.Generate(6, Edition.E2021)]).Single();

        var results = new IngestRunner(store).Run([junk, noAgency, good]).ToDictionary(x => x.Path);
        Assert.Equal(IngestOutcome.Failed, results[junk].Outcome);
        Assert.Equal(IngestOutcome.Stored, results[good].Outcome);
        // Read but not identified: stored all the same, as 机关待确认 (PendingIdentityTests).
        Assert.Equal(IngestOutcome.Unidentified, results[noAgency].Outcome);
        Assert.True(store.Get(results[noAgency].ReportId!.Value)!.Listing.AgencyPending);
        var failures = store.Failures().ToDictionary(f => f.Path);
        Assert.Contains("PDF", failures[junk].ErrorMessage);
        Assert.DoesNotContain(noAgency, failures.Keys);
        Assert.Equal(2, StoreTestData.Count(store, "SELECT COUNT(*) FROM reports"));
        // Known failures are not parsed again either.
        Assert.All(new IngestRunner(store).Run([junk, noAgency, good]), x => Assert.Equal(IngestOutcome.AlreadyKnown, x.Outcome));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Name_variants_are_one_agency_and_same_named_places_of_different_kinds_stay_apart(string backend)
    {
        var store = TestStores.Open(backend);
        var dir = StoreTestData.NewFolder();
        GeneratedReport Make(int seed, string agency, int year) =>
            ReportGenerator.Generate(seed, Edition.E2021) with { Agency = agency, Year = year, Published = new DateOnly(year + 1, 2, 1) };
        StoreTestData.Write(dir,
        [
            Make(1, "鹤岗市科学技术局", 2021),
            Make(2, "鹤岗科学技术局", 2022),
            Make(3, "鹤岗市（经开区）规划局", 2021),
            Make(4, "鹤岗市(经开区)规划局", 2022),
            Make(5, "朝阳区公安局", 2022),
            Make(6, "朝阳市公安局", 2022),
        ]);
        Assert.All(new IngestRunner(store).Run(Directory.GetFiles(dir).Order().ToList()), r => Assert.Equal(IngestOutcome.Stored, r.Outcome));

        var all = store.List(new ReportFilter());
        Assert.Equal(6, all.Count);
        Assert.Equal(4, all.Select(r => r.Agency).Distinct().Count());
        Assert.Equal([2021, 2022], store.List(new ReportFilter(Agency: "鹤岗科学技术局")).Select(r => r.Year));
        Assert.Equal(2, store.List(new ReportFilter(Agency: "鹤岗市(经开区)规划局")).Count);
        Assert.Equal("鹤岗市", store.Find("鹤岗科学技术局", 2022)!.Listing.Region);
        Assert.Equal("鹤岗市科学技术局", store.Find("鹤岗科学技术局", 2021)!.Listing.Agency); // a spelling never seen for that year
        Assert.Null(store.Find("朝阳公安局", 2022)); // 朝阳区 or 朝阳市: ambiguous, so neither
        Assert.Equal(4, store.List(new ReportFilter(Region: "鹤岗市")).Count);
        Assert.Equal("朝阳区", Assert.Single(store.List(new ReportFilter(Region: "朝阳区"))).Region);
        Assert.Equal("朝阳市公安局", Assert.Single(store.List(new ReportFilter(Region: "朝阳市"))).Agency);
    }
}
