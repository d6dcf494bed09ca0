using Nianbao.Template;

namespace Nianbao.Reading;

/// <summary>
/// The meeting point of all formats (design.md "Layout"): blocks of text lines and table grids, each
/// carrying where it came from. Recognition never looks at a file format again.
/// </summary>
public abstract record LayoutBlock(int Line);

/// <summary>One line of running text, 1-based line number in the decoded source.</summary>
public sealed record LayoutLine(string Text, int Line) : LayoutBlock(Line);

/// <summary>A table whose cell structure the source states explicitly (tab-per-cell text, HTML, DOCX).</summary>
public sealed record LayoutTable(IReadOnlyList<LayoutRow> Rows, int Line) : LayoutBlock(Line);

/// <summary>A table row; merged cells are already expanded by the reader.</summary>
public sealed record LayoutRow(IReadOnlyList<LayoutCell> Cells, int Line);

/// <summary>One grid cell with its 1-based line and column in <see cref="LayoutDocument.Text"/>.</summary>
/// <param name="At">Where the cell is in the original file (page, box, table, row, column).</param>
/// <param name="Raw">What the source said when the reader changed it (OCR letters read as digits), for the reviewer.</param>
public sealed record LayoutCell(string Text, int Line, int Column, CellLocation? At = null, string? Raw = null);

/// <summary>How the bytes were decoded, with AngleSharp-style confidence.</summary>
public enum EncodingConfidence { Certain, Tentative }

/// <summary>A document as the reader saw it.</summary>
/// <param name="Format">Detected by content: <c>text</c>, <c>html</c>, <c>docx</c>, <c>pdf</c>, <c>image</c>…</param>
/// <param name="Method">The layout strategy used (<c>text</c>, <c>text-grid</c>, <c>text-aligned</c> for columns read from x-positions), recorded in every cell's provenance.</param>
/// <param name="Images">Images in the document body: a table published only as a picture has no text to read.</param>
/// <param name="DigitChecks">Scans only: per grid cell's location, a second, digits-only OCR reading of a number cell, for validation to check the first against.</param>
public sealed record LayoutDocument(FileFormat Format, string Encoding, EncodingConfidence Confidence, string Method,
    IReadOnlyList<LayoutBlock> Blocks, string Text, int Images = 0, IReadOnlyDictionary<CellLocation, string>? DigitChecks = null)
{
    /// <summary>What the format states outside the text (an HTML page's <c>&lt;meta&gt;</c> title and date); recognition prefers it to the lines.</summary>
    public DocumentMetadata Metadata { get; init; } = DocumentMetadata.None;
}

/// <summary>Document properties a format carries beside its text, as the source wrote them.</summary>
/// <param name="Title">The document title (a CMS page's <c>ArticleTitle</c>).</param>
/// <param name="Published">The publication date as written (<c>PubDate</c>), parsed by recognition like any date.</param>
public sealed record DocumentMetadata(string? Title = null, string? Published = null)
{
    public static readonly DocumentMetadata None = new();
}
