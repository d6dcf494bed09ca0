using System.Text;

namespace Nianbao.Reading;

/// <summary>Reads one file's bytes into a layout, or says clearly why it cannot.</summary>
public static class DocumentReader
{
    /// <summary>Decoded text larger than this is not a single annual report (real ones are 5–400 KB).</summary>
    public const int MaxTextChars = 8 * 1024 * 1024;

    public static ReadResult Read(byte[] bytes)
    {
        if (bytes.AsSpan().IndexOfAnyExcept(" \r\n\t"u8) < 0)
            return ReadResult.Fail("text", "empty", "文件为空，没有可读取的内容");
        var format = FormatSniffer.Sniff(bytes);
        if (format == "html") return new ReadResult("html", HtmlReader.Instance.Read(bytes), null);
        if (format == "docx") return DocxReader.Instance.Read(bytes);
        if (format == "pdf") return PdfReader.Read(bytes);
        if (format == "image") return Ocr.OcrReader.ReadImage(bytes);
        if (format == "doc") return LegacyDocReader.Instance.Read(bytes);
        if (format != "text")
            return ReadResult.Fail(format, "unsupported_format", $"不支持的文件格式：{FormatName(format)}（当前版本读取文本、HTML、Markdown、DOC/WPS、DOCX、PDF（扫描件经文字识别）和图片文件）");
        if (LooksBinary(bytes))
            return ReadResult.Fail("binary", "binary", "文件内容是二进制数据，不是文本，无法作为年度报告读取");
        var (text, encoding, confidence) = TextDecoder.Decode(bytes);
        if (text.Length > MaxTextChars)
            return ReadResult.Fail("text", "too_large", $"文件过大（{text.Length / 1024 / 1024} M 字符），不是一份年度报告");
        if (MarkdownReader.LooksLikeMarkdown(text)) return new ReadResult("markdown", MarkdownReader.Read(text), null);
        if (FormatSniffer.ContainsMarkup(text))
            return new ReadResult("html", HtmlReader.Instance.Read([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)]), null);
        return new ReadResult("text", PlainTextReader.Instance.Read(text, encoding, confidence), null);
    }

    private static string FormatName(string format) => format switch
    {
        "pdf" => "PDF",
        "docx" => "DOCX",
        "xlsx" => "XLSX",
        "doc" => "DOC/WPS",
        "html" => "HTML",
        "image" => "图片",
        "rtf" => "RTF",
        _ => format,
    };

    /// <summary>NUL bytes or many control bytes: not text in any encoding a report uses (UTF-16 has a BOM here).</summary>
    private static bool LooksBinary(byte[] bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) return false;
        int sample = Math.Min(bytes.Length, 1 << 16), control = 0;
        for (int i = 0; i < sample; i++)
        {
            var b = bytes[i];
            if (b == 0) return true;
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C) control++;
        }
        return control * 100 > sample;
    }
}
