using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Template;

namespace Nianbao.Tests;

/// <summary>
/// <see cref="CellLocation.WriteTo"/> writes locations member by member (parse --json, the store); it must give the
/// bytes <see cref="CellLocation.Json"/>'s serializer gives, which is what the store and the web read back.
/// </summary>
public class CellLocationJsonTests
{
    public static TheoryData<CellLocation> Locations()
    {
        var data = new TheoryData<CellLocation>();
        foreach (var strategy in Enum.GetValues<ReadStrategy>()) data.Add(new CellLocation(strategy));
        data.Add(new CellLocation(ReadStrategy.PdfLattice)
        {
            Page = 3, Box = new CellBox(72.1, 0.1, 1e-7, 12345.6, BoxUnit.Pt), Table = 2, Row = 14, Column = 7,
        });
        data.Add(new CellLocation(ReadStrategy.OcrLattice) { Page = 1, Box = new CellBox(-3, 0, 1.5, 2.25, BoxUnit.Px) });
        data.Add(new CellLocation(ReadStrategy.Html) { Table = 1, Row = 2, Column = 3, SourceLine = 812 });
        data.Add(new CellLocation(ReadStrategy.TextAligned)
        {
            Page = 2, Columns = 7, Header = "商业企业\"<&>\u3000", From = 41, To = 48, Shift = -2, Blank = true, Uncertain = true,
        });
        data.Add(new CellLocation(ReadStrategy.PdftotextLayout) { Columns = 9, Header = "总计", From = 1, To = 4, Shift = 0, Uncertain = true });
        return data;
    }

    [Theory]
    [MemberData(nameof(Locations))]
    public void Explicit_writer_gives_the_serializers_bytes(CellLocation at)
    {
        Assert.Equal(JsonSerializer.Serialize(at, CellLocation.Json), at.ToJson());
        // Inside parse --json's writer (relaxed escaping: Chinese as is), too.
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Assert.Equal(Write(w => JsonSerializer.Serialize(w, at, CellLocation.Json), options), Write(at.WriteTo, options));
        Assert.Equal(at, CellLocation.FromJson(at.ToJson()));
    }

    private static string Write(Action<Utf8JsonWriter> write, JsonWriterOptions options)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, options)) write(w);
        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
