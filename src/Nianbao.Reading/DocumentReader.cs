namespace Nianbao.Reading;

/// <summary>
/// The registry of readers: a file goes to the first registered reader that accepts it. Adding a reader is one
/// class implementing <see cref="IDocumentReader"/> and one line in <see cref="Default"/>.
/// </summary>
public sealed class DocumentReader(IReadOnlyList<IDocumentReader> readers)
{
    /// <summary>Decoded text larger than this is not a single annual report (real ones are 5–400 KB).</summary>
    public const int MaxTextChars = 8 * 1024 * 1024;

    /// <summary>
    /// The readers in the order they are asked. Formats with magic bytes first; of the text readers Markdown before
    /// HTML (a Markdown file may hold a few tags), and plain text last, taking any text.
    /// </summary>
    public static readonly DocumentReader Default = new(
    [
        PdfReader.Instance,
        DocxReader.Instance,
        LegacyDocReader.Instance,
        Ocr.OcrReader.Instance,
        MarkdownReader.Instance,
        HtmlReader.Instance,
        PlainTextReader.Instance,
    ]);

    public IReadOnlyList<IDocumentReader> Readers { get; } = readers;

    /// <summary>A registry with <paramref name="reader"/> asked before these readers.</summary>
    public DocumentReader With(IDocumentReader reader) => new([reader, .. Readers]);

    /// <summary>Reads one file's bytes into a layout with the default readers, or says clearly why it cannot.</summary>
    public static ReadResult Read(byte[] bytes) => Default.ReadBytes(bytes);

    public ReadResult ReadBytes(byte[] bytes)
    {
        if (bytes.AsSpan().IndexOfAnyExcept(" \r\n\t"u8) < 0)
            return ReadResult.Fail(FileFormat.Text, ReadErrorCode.Empty);
        var input = new DocumentInput(bytes);
        foreach (var reader in Readers)
            if (reader.Accepts(input)) return reader.Read(input);
        if (input.Sniffed == FileFormat.Text)
            return input.Rejection ?? ReadResult.Fail(FileFormat.Text, ReadErrorCode.Binary);
        return ReadResult.Fail(input.Sniffed, ReadErrorCode.UnsupportedFormat,
            $"不支持的文件格式：{input.Sniffed.DisplayName()}（当前版本读取文本、HTML、Markdown、DOC/WPS、DOCX、PDF（扫描件经文字识别）和图片文件）");
    }
}
