using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nianbao.Template;

/// <summary>The reader's strategy that placed a cell; its kebab-case name is what <c>method</c> and JSON print.</summary>
public enum ReadStrategy
{
    Text, TextGrid, TextAligned, Html, Docx, Markdown, PdfLattice, PdftotextLayout, OcrLattice, OcrText,
}

/// <summary>The unit of a <see cref="CellBox"/>: PDF points (1/72 inch) or pixels of the scan as the OCR read it.</summary>
public enum BoxUnit { Pt, Px }

/// <summary>
/// A cell's box on its page, origin at the page's top left: points for a PDF with a text layer, pixels of the
/// raster the OCR read for a scan (a PDF scan rasterised at the OCR resolution, an image file in its own pixels).
/// </summary>
public sealed record CellBox(double X, double Y, double W, double H, BoxUnit Unit);

/// <summary>
/// Where a grid cell is in the original file, typed (Markdig's lesson: every node carries its source span).
/// Indexes are 1-based. Words for people are made only when shown, by <see cref="ProvenanceText"/>.
/// </summary>
/// <param name="Strategy">The reader's strategy that placed the cell.</param>
public sealed record CellLocation(ReadStrategy Strategy)
{
    /// <summary>The page (PDF, scan).</summary>
    public int? Page { get; init; }

    public CellBox? Box { get; init; }

    /// <summary>The table's number in the document, its row and column (merged cells expanded).</summary>
    public int? Table { get; init; }
    public int? Row { get; init; }
    public int? Column { get; init; }

    /// <summary>The line in the file as stored (an HTML element's source line), when the reader knows it.</summary>
    public int? SourceLine { get; init; }

    /// <summary>Columns read from x-positions: the number of columns and the column's header word.</summary>
    public int? Columns { get; init; }
    public string? Header { get; init; }

    /// <summary>Columns read from x-positions: the header column's character span in the text lines (1-based, both ends included, this page's shift applied).</summary>
    public int? From { get; init; }
    public int? To { get; init; }

    /// <summary>Columns read from x-positions: how far this page is printed right (+) or left (-) of the others, in characters.</summary>
    public int? Shift { get; init; }

    /// <summary>The column printed nothing in this row.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Blank { get; init; }

    /// <summary>The value's column could not be told from its position.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Uncertain { get; init; }

    /// <summary>The kebab-case name (<c>pdf-lattice</c>, <c>text-aligned</c>…).</summary>
    public static string Name(ReadStrategy s) => StrategyNames[(int)s];

    private static readonly string[] StrategyNames =
        Enum.GetValues<ReadStrategy>().Select(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString())).ToArray();

    /// <summary>The strategy of a kebab-case name, or null.</summary>
    public static ReadStrategy? Parse(string? name) =>
        Enum.GetValues<ReadStrategy>().Cast<ReadStrategy?>().FirstOrDefault(s => Name(s!.Value) == name);

    /// <summary>How locations are written in JSON (<c>parse --json</c>'s <c>at</c>, the store, the review page).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters =
        {
            // Generic converters: the non-generic one builds these by reflection in every process.
            new JsonStringEnumConverter<ReadStrategy>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<BoxUnit>(JsonNamingPolicy.KebabCaseLower),
        },
        NumberHandling = JsonNumberHandling.Strict,
        // Compile-time metadata (no reflection on first use); the options above still decide names and enums.
        TypeInfoResolver = LocationJsonContext.Default,
    };

    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer)) WriteTo(w);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes the location as <see cref="Json"/> would (same names, order, omissions and enum names; a test holds the
    /// two equal), member by member: the serializer's per-call set-up and its generic metadata, compiled at run time
    /// in every process, cost more than the rest of a report's JSON (two hundred locations a report).
    /// </summary>
    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("strategy", Name(Strategy));
        WriteOptional(w, "page", Page);
        if (Box is { } b)
        {
            w.WriteStartObject("box");
            w.WriteNumber("x", b.X);
            w.WriteNumber("y", b.Y);
            w.WriteNumber("w", b.W);
            w.WriteNumber("h", b.H);
            w.WriteString("unit", b.Unit == BoxUnit.Pt ? "pt" : "px");
            w.WriteEndObject();
        }
        WriteOptional(w, "table", Table);
        WriteOptional(w, "row", Row);
        WriteOptional(w, "column", Column);
        WriteOptional(w, "sourceLine", SourceLine);
        WriteOptional(w, "columns", Columns);
        if (Header is not null) w.WriteString("header", Header);
        WriteOptional(w, "from", From);
        WriteOptional(w, "to", To);
        WriteOptional(w, "shift", Shift);
        if (Blank) w.WriteBoolean("blank", true);
        if (Uncertain) w.WriteBoolean("uncertain", true);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    public static CellLocation? FromJson(string json) => JsonSerializer.Deserialize<CellLocation>(json, Json);

    public static CellBox PointBox(double x0, double y0, double x1, double y1, double scale = 1, BoxUnit unit = BoxUnit.Pt) =>
        new(Round(x0 * scale), Round(y0 * scale), Round((x1 - x0) * scale), Round((y1 - y0) * scale), unit);

    private static double Round(double v) => Math.Round(v, 1, MidpointRounding.AwayFromZero);
}
