using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;

namespace Nianbao.Reading;

/// <summary>
/// Word documents (DocumentFormat.OpenXml): paragraphs become lines, tables become grids. A cell merged
/// across columns (<c>w:gridSpan</c>) or continued from the row above (<c>w:vMerge</c>) appears once, at its
/// origin, with its table/row/cell position. The package is checked for zip bombs before it is opened (that check
/// reads only the zip's central directory); document.xml is then streamed (<see cref="DocxBodyReader"/>), not loaded.
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
            var main = doc.MainDocumentPart;
            if (main is null) return NoBody();
            var builder = new LayoutBuilder();
            var numbering = new ListNumbering(() => main.NumberingDefinitionsPart?.Numbering);
            var settings = new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, CloseInput = true };
            using (var reader = System.Xml.XmlReader.Create(main.GetStream(FileMode.Open, FileAccess.Read), settings))
            {
                if (!new DocxBodyReader(reader, builder, numbering).ReadDocument()) return NoBody();
            }
            return ReadResult.Ok(builder.Build(FileFormat.Docx, "utf-8", EncodingConfidence.Certain, "docx"));
        }
        catch (Exception e) when (e is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.Xml.XmlException or IOException)
        {
            return ReadResult.Fail(FileFormat.Docx, ReadErrorCode.Corrupt, $"DOCX 文件已损坏或不完整，无法读取（{e.GetType().Name}）");
        }
    }

    private static ReadResult NoBody() =>
        ReadResult.Fail(FileFormat.Docx, ReadErrorCode.Corrupt, "DOCX 文件缺少正文（word/document.xml），无法读取");

    /// <summary>Deeper nesting of page-layout tables than this is hostile, not a report; the rest is ignored.</summary>
    public const int MaxDepth = DocxBodyReader.MaxDepth;
}
