using Nianbao.Fixtures;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>The cells and findings that differ between two versions of a report.</summary>
public class VersionDiffTests
{
    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_diff_lists_exactly_the_changed_cells_and_the_findings_added_and_removed(string backend)
    {
        var store = TestStores.Open(backend);
        var g = ReportGenerator.Generate(31, Edition.E2021, sparse: 0.3) with { Agency = "鹤岗市比较局", Year = 2022, Published = new DateOnly(2023, 1, 20) };
        var changed = new Dictionary<string, decimal>(g.Cells);
        // Three cells differ between the two readings (whatever rules that breaks).
        changed["t3.new_received.natural_person"] += 5;
        changed["t3.new_received.total"] += 5;
        changed["t2.art20_1.rules.issued"] += 2;
        var dir = StoreTestData.NewFolder();
        var files = StoreTestData.Write(dir, [g, g with { Cells = changed }]);
        new IngestRunner(store).Run([files[0]]);
        new IngestRunner(store).Run([files[1]]);
        var id = store.Find("鹤岗市比较局", 2022)!.Listing.Id;

        var d = store.Diff(id);
        Assert.Equal((1, 2), (d.From, d.To));
        Assert.Equal(["t2.art20_1.rules.issued", "t3.new_received.natural_person", "t3.new_received.total"], d.Cells.Select(c => c.Key).Order());
        var cell = d.Cells.Single(c => c.Key == "t3.new_received.natural_person");
        Assert.Equal((g.Cells[cell.Key], changed[cell.Key]), (cell.Old!.Value, cell.New!.Value));
        Assert.Contains("自然人", cell.Label);
        Assert.StartsWith("表三", cell.Label);

        // A correction that breaks a row: one cell, and the findings it adds; the reverse diff removes them.
        var after = store.Apply(id, "t3.granted.total", changed["t3.granted.total"] + 1, "测试", "李");
        var c = store.Diff(id);
        Assert.Equal((2, 3), (c.From, c.To));
        var only = Assert.Single(c.Cells);
        Assert.Equal(("t3.granted.total", changed["t3.granted.total"], changed["t3.granted.total"] + 1), (only.Key, only.Old!.Value, only.New!.Value));
        Assert.NotEmpty(c.FindingsAdded);
        Assert.Contains(c.FindingsAdded, f => f.Cells.Contains("t3.granted.total"));
        Assert.Empty(c.FindingsRemoved);
        var back = store.Diff(id, from: 3, to: 2);
        Assert.Equal(c.FindingsAdded.Select(f => f.Rule).Order(), back.FindingsRemoved.Select(f => f.Rule).Order());
        Assert.Equal(4, store.Diff(id, from: 1, to: 3).Cells.Count);
        Assert.Throws<StoreException>(() => store.Diff(id, from: 9));
        _ = after;
    }
}
