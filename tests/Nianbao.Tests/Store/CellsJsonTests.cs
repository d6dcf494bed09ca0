using Nianbao.Storage;
using Nianbao.Template;

namespace Nianbao.Tests.Store;

/// <summary>Stored cells keep the typed location, a correction's reason and a summary's count; versions stored before still open.</summary>
public class CellsJsonTests
{
    [Fact]
    public void Typed_facts_round_trip_and_the_sentence_stays_for_the_cells_view()
    {
        var at = new CellLocation(ReadStrategy.OcrLattice)
        {
            Page = 2, Box = new CellBox(10.5, 20, 30, 40, BoxUnit.Px), Table = 1, Row = 3, Column = 4,
        };
        var cells = new Dictionary<string, CellValue>
        {
            ["a"] = new(5m, CellStatus.Read, new Provenance("ocr-lattice", 7, 3, "S", at), "件"),
            ["b"] = new(6m, CellStatus.Corrected, new Provenance("correction", 0, 0, "5") { Reason = "核对原件" }),
            ["c"] = new(7m, CellStatus.Read, new Provenance("summary", 0, 0) { Agencies = 12 }),
            ["d"] = CellValue.Unreadable(),
        };
        var json = CellsJson.Write(cells);
        var back = CellsJson.Read(json);
        Assert.Equal(cells, back);
        using (var doc = System.Text.Json.JsonDocument.Parse(json))
            Assert.Equal(ProvenanceText.Where(at), doc.RootElement[0][8].GetString()); // the cells view's locator
        Assert.Equal("核对原件", back["b"].Source!.Where);
        Assert.Equal("12个机关合计", back["c"].Source!.Where);
    }

    [Fact]
    public void A_version_stored_with_only_the_sentence_still_opens()
    {
        const string old = """[["a","5","read",null,"pdf-lattice",7,3,"5","pdf-lattice：第2页 表格1 第4行 第2列（x=80 y=60 w=120 h=20）"],["b","6","corrected",null,"correction",0,0,"5","核对原件"]]""";
        var cells = CellsJson.Read(old);
        Assert.Equal("pdf-lattice：第2页 表格1 第4行 第2列（x=80 y=60 w=120 h=20）", cells["a"].Source!.Where);
        Assert.Null(cells["a"].Source!.At);
        Assert.Equal("核对原件", cells["b"].Source!.Where);
        Assert.Equal(5m, cells["a"].Value);
    }
}
