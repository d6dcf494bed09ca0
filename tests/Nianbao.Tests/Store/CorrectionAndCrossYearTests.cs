using Nianbao.Fixtures;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>Corrections as versions with history; cross-year findings kept current as years and corrections arrive.</summary>
public class CorrectionAndCrossYearTests
{
    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_correction_is_a_new_active_version_the_rules_rerun_and_the_history_is_kept(string backend)
    {
        var store = TestStores.Open(backend);
        var sample = Parse.SamplePath("001_adb888ebb0553f89.txt");
        new IngestRunner(store).Run([sample]);
        var before = store.Find("鹤岗营商环境建设监督局", 2020)!;
        Assert.Equal(1, before.Listing.Version);
        Assert.DoesNotContain(before.Report.Findings, f => f.Rule is "T3.H2" or "T3.H3");
        var granted = before.Report.Value("t3.granted.total")!.Value;

        var after = store.Apply(before.Listing.Id, "t3.granted.total", granted + 2, "核对原件：予以公开总计应为更大值", "张审核");
        Assert.Equal(2, after.Listing.Version);
        Assert.Equal("corrected", after.Listing.Kind);
        Assert.Equal(granted + 2, after.Report.Value("t3.granted.total"));
        Assert.Equal(CellStatus.Corrected, after.Report.Cells["t3.granted.total"].Status);
        // The total column no longer adds up: the rules ran again on the corrected values.
        Assert.Contains(after.Report.Findings, f => f.Rule == "T3.H3" && f.Cells.Contains("t3.granted.total"));
        Assert.Contains(after.Report.Findings, f => f.Rule == "T3.H2");
        // Reading findings that did not concern the cell are kept (heading wording, DOC.E3).
        Assert.Equal(before.Report.Findings.Count(f => f.Rule == "DOC.E3"), after.Report.Findings.Count(f => f.Rule == "DOC.E3"));

        var correction = Assert.Single(after.Corrections);
        Assert.Equal(("t3.granted.total", granted, granted + 2, "张审核"), (correction.CellKey, correction.Old!.Value, correction.New!.Value, correction.CorrectedBy));
        Assert.Equal("核对原件：予以公开总计应为更大值", correction.Reason);
        Assert.Equal([false, true], after.Versions.Select(v => v.Active));
        Assert.Equal(["parsed", "corrected"], after.Versions.Select(v => v.Kind));

        // Ingesting another copy of the same report (different bytes) adds a version but keeps the correction active.
        var copy = Path.Combine(StoreTestData.NewFolder(), "copy.txt");
        File.WriteAllText(copy, File.ReadAllText(sample) + "\n");
        Assert.Equal(IngestOutcome.Stored, Assert.Single(new IngestRunner(store).Run([copy])).Outcome);
        var latest = store.Get(before.Listing.Id)!;
        Assert.Equal(3, latest.Versions.Count);
        Assert.Equal(2, latest.Listing.Version);
        Assert.Equal(granted + 2, latest.Report.Value("t3.granted.total"));

        Assert.Throws<StoreException>(() => store.Apply(before.Listing.Id, "t2.art20_1.rules.issued", 1, "2021年版才有此格", "张审核"));
        Assert.Throws<StoreException>(() => store.Apply(before.Listing.Id, "t3.granted.total", -1, "负数", "张审核"));
        Assert.Throws<StoreException>(() => store.Apply(before.Listing.Id, "t3.granted.total", 1, " ", "张审核"));
        Assert.Equal(3, store.Get(before.Listing.Id)!.Versions.Count);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Carry_over_breaks_are_found_whichever_year_arrives_first_and_follow_corrections(string backend)
    {
        var store = TestStores.Open(backend);
        var series = ReportSeries.Continuous(seed: 7, "鹤岗市科学技术局", 2021, 3);
        // Year 2022 claims one more case carried over from 2021 than 2021 carried forward (and carries one more on, so its own arithmetic holds).
        var broken = new Dictionary<string, decimal>(series[1].Cells);
        foreach (var key in new[] { "t3.carried_over.natural_person", "t3.carried_over.total", "t3.carried_forward.natural_person", "t3.carried_forward.total" })
            broken[key] += 1;
        // 2023 continues from the broken 2022 so that only the 2021→2022 step is wrong.
        var y2023 = new Dictionary<string, decimal>(series[2].Cells);
        foreach (var key in new[] { "t3.carried_over.natural_person", "t3.carried_over.total", "t3.new_received.natural_person", "t3.new_received.total" })
            y2023[key] += key.Contains("carried_over", StringComparison.Ordinal) ? 1 : -1;
        Assume(y2023["t3.new_received.natural_person"] >= 0);
        var dir = StoreTestData.NewFolder();
        var files = StoreTestData.Write(dir, [series[0], series[1] with { Cells = broken }, series[2] with { Cells = y2023 }]);

        // The later years first: nothing to compare yet.
        new IngestRunner(store).Run([files[1], files[2]]);
        var r2022 = store.Find("鹤岗市科学技术局", 2022)!;
        Assert.DoesNotContain(r2022.CrossYearFindings, f => f.Rule == "X.S1");
        Assert.DoesNotContain(store.Find("鹤岗市科学技术局", 2023)!.CrossYearFindings, f => f.Rule.StartsWith("X.S", StringComparison.Ordinal));

        // 2021 arrives: 2022 is now checked against it.
        new IngestRunner(store).Run([files[0]]);
        r2022 = store.Find("鹤岗市科学技术局", 2022)!;
        var s1 = r2022.CrossYearFindings.Where(f => f.Rule == "X.S1").ToList();
        Assert.Equal(["t3.carried_over.natural_person", "t3.carried_over.total"], s1.SelectMany(f => f.Cells).Order());
        Assert.All(s1, f => Assert.Equal(Severity.Error, f.Severity));
        Assert.Contains(store.List(new ReportFilter(Rule: "X.S1")), l => l.Id == r2022.Listing.Id);
        Assert.DoesNotContain(store.Find("鹤岗市科学技术局", 2023)!.CrossYearFindings, f => f.Rule.StartsWith("X.S", StringComparison.Ordinal));

        // A reviewer corrects 2021's carry-forward to what 2022 reported: the break moves nowhere, it disappears.
        var r2021 = store.Find("鹤岗市科学技术局", 2021)!;
        store.Apply(r2021.Listing.Id, "t3.carried_forward.natural_person", broken["t3.carried_over.natural_person"], "原件核对", "李");
        store.Apply(r2021.Listing.Id, "t3.carried_forward.total", broken["t3.carried_over.total"], "原件核对", "李");
        Assert.DoesNotContain(store.Find("鹤岗市科学技术局", 2022)!.CrossYearFindings, f => f.Rule == "X.S1");
    }

    private static void Assume(bool condition) => Assert.True(condition, "the seed gives a series this test can alter");
}
