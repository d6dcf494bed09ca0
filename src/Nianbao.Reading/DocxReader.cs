using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using OpenXmlElement = DocumentFormat.OpenXml.OpenXmlElement;
using Nianbao.Template;

namespace Nianbao.Reading;

/// <summary>
/// Word documents (DocumentFormat.OpenXml): paragraphs become lines, tables become grids. A cell merged
/// across columns (<c>w:gridSpan</c>) or continued from the row above (<c>w:vMerge</c>) appears once, at its
/// origin, with its table/row/cell position. The package is checked for zip bombs before it is opened.
/// </summary>
public sealed class DocxReader : IDocumentReader
{
    public static readonly DocxReader Instance = new();

    public FileFormat Format => FileFormat.Docx;

    public bool Accepts(DocumentInput input) => input.Sniffed == FileFormat.Docx;

    public ReadResult Read(DocumentInput input) => Read(input.Bytes);

    /// <summary>Uncompressed size refused as a zip bomb (a report's document.xml is a few MB at most).</summary>
    public const long MaxUncompressedBytes = 200L * 1024 * 1024;

    /// <summary>
    /// XML parts larger than this in all are refused before the SDK builds its tree of them (issue 13 item 5: about
    /// 27 MB of XML took 5.7 s and 650 MB); a report's document.xml is 50 KB – 2 MB, pictures are not XML.
    /// </summary>
    public const long MaxXmlBytes = 16L * 1024 * 1024;

    public ReadResult Read(byte[] bytes)
    {
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(bytes, false), ZipArchiveMode.Read))
            {
                long total = 0, xml = 0;
                foreach (var entry in zip.Entries)
                {
                    total += entry.Length;
                    if (total > MaxUncompressedBytes || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > 1000))
                        return ReadResult.Fail(FileFormat.Docx, ReadErrorCode.Corrupt, "DOCX 文件解压后过大（疑似压缩炸弹），拒绝读取");
                    if (entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
                        xml += entry.Length;
                    if (xml > MaxXmlBytes)
                        return ReadResult.Fail(FileFormat.Docx, ReadErrorCode.TooLarge, $"DOCX 文件的正文过大（XML 超过 {MaxXmlBytes / 1024 / 1024} MB），不是一份年度报告");
                }
            }
            using var doc = WordprocessingDocument.Open(new MemoryStream(bytes, false), false);
            var body = doc.MainDocumentPart?.Document?.Body;
            if (body is null) return ReadResult.Fail(FileFormat.Docx, ReadErrorCode.Corrupt, "DOCX 文件缺少正文（word/document.xml），无法读取");
            var builder = new LayoutBuilder();
            var numbering = new ListNumbering(doc.MainDocumentPart!.NumberingDefinitionsPart?.Numbering);
            int tableIndex = 0;
            Walk(body, 0);
            return ReadResult.Ok(builder.Build(FileFormat.Docx, "utf-8", EncodingConfidence.Certain, "docx"));

            void Walk(OpenXmlElement container, int depth)
            {
                if (depth > MaxDepth) return;
                foreach (var element in container.ChildElements)
                {
                    switch (element)
                    {
                        case Paragraph p:
                            // Headings numbered by Word's list numbering (二、) carry the number outside their text.
                            builder.Line(numbering.Label(p) + VisibleText(p));
                            break;
                        case Table t when IsPageLayout(t):
                            // A table used to lay out the page (the whole report in one cell, or a frame around
                            // data tables): its cells are read as the body is, data tables inside them as tables.
                            foreach (var cell in t.Elements<TableRow>().SelectMany(r => r.Elements<TableCell>())) Walk(cell, depth + 1);
                            break;
                        case Table t:
                            builder.Table(Rows(t, ++tableIndex));
                            break;
                        case SdtBlock or SdtContentBlock:
                            Walk(element, depth + 1);
                            break;
                    }
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.Xml.XmlException or IOException)
        {
            return ReadResult.Fail(FileFormat.Docx, ReadErrorCode.Corrupt, $"DOCX 文件已损坏或不完整，无法读取（{e.GetType().Name}）");
        }
    }

    /// <summary>
    /// The text a reader of the printed page sees. <c>InnerText</c> is not that: it joins the text of a text box twice
    /// (Word writes it in an <c>mc:AlternateContent</c> choice and again in the VML fallback), keeps tracked
    /// deletions (<c>w:delText</c>) and drops tabs, so "规章⇥5⇥3" would read as 规章53.
    /// </summary>
    internal static string VisibleText(OpenXmlElement element)
    {
        var sb = new System.Text.StringBuilder();
        Append(element);
        return sb.ToString();

        void Append(OpenXmlElement e)
        {
            foreach (var child in e.ChildElements)
            {
                switch (child)
                {
                    case Text t: sb.Append(t.Text); break;
                    case TabChar or Break or CarriageReturn: sb.Append(' '); break;
                    case DocumentFormat.OpenXml.AlternateContentFallback or Deleted or DeletedRun or DeletedText or FieldCode: break;
                    default: Append(child); break;
                }
            }
        }
    }

    /// <summary>A table that holds tables, or a single cell: the page's frame, not a data table (as for HTML).</summary>
    /// <remarks>Only the cells' own children are looked at, so deep nesting costs linear time.</remarks>
    private static bool IsPageLayout(Table t)
    {
        var cells = t.Elements<TableRow>().SelectMany(r => r.Elements<TableCell>());
        return cells.Take(2).Count() == 1 || cells.Any(c => c.Elements<Table>().Any());
    }

    /// <summary>Deeper nesting of page-layout tables than this is hostile, not a report; the rest is ignored.</summary>
    public const int MaxDepth = 200;

    private static IEnumerable<IReadOnlyList<(string Text, CellLocation At)>> Rows(Table table, int tableIndex)
    {
        int r = 0;
        foreach (var row in table.Elements<TableRow>())
        {
            r++;
            var cells = new List<(string, CellLocation)>();
            int col = 0;
            foreach (var cell in row.Elements<TableCell>())
            {
                var props = cell.TableCellProperties;
                int span = (int?)props?.GridSpan?.Val?.Value ?? 1;
                var merge = props?.VerticalMerge;
                bool continuation = merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue);
                if (!continuation)
                {
                    // Nested tables inside a cell are read as the cell's text.
                    var text = string.Join(" ", cell.Elements<Paragraph>().Select(VisibleText));
                    cells.Add((text, new CellLocation(ReadStrategy.Docx) { Table = tableIndex, Row = r, Column = col + 1 }));
                }
                col += Math.Max(1, span);
            }
            yield return cells;
        }
    }
}
