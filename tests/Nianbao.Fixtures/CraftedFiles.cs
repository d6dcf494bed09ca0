using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Nianbao.Fixtures;

/// <summary>
/// Small files built to cost a reader a lot (issue 13 item 5), shared by the hostile-corpus tests and the bench
/// (<c>bench crafted</c>): markup bombs, rasters whose header promises a huge image, PDF pages of 7,000 pt, many pages,
/// and seeded random bytes behind each format's signature. Each is a few KB to a few hundred KB.
/// </summary>
public static class CraftedFiles
{
    /// <summary><paramref name="depth"/> nested elements around a line of text (issue 13: 100,000 &lt;div&gt; took 86 s).</summary>
    public static byte[] DeepHtml(int depth, string tag = "div") =>
        Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" +
                               string.Concat(Enumerable.Repeat($"<{tag}>", depth)) + "某某局2023年政府信息公开工作年度报告" +
                               string.Concat(Enumerable.Repeat($"</{tag}>", depth)) + "</body></html>");

    /// <summary>Many sibling elements, none nested.</summary>
    public static byte[] WideHtml(int elements) =>
        Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><p>" + string.Concat(Enumerable.Repeat("<b>1</b>", elements)) + "</p></body></html>");

    /// <summary>Markdown (a heading and a pipe table, so it is read as Markdown) with a quote nested <paramref name="depth"/> deep.</summary>
    public static byte[] DeepMarkdown(int depth) =>
        Encoding.UTF8.GetBytes("# 某某局2023年政府信息公开工作年度报告\n\n| 信息内容 | 本年制发件数 |\n| --- | --- |\n| 规章 | 0 |\n\n" +
                               new string('>', depth) + " 正文\n");

    /// <summary>Markdown with a list nested <paramref name="depth"/> deep on one line ("- - - … x").</summary>
    public static byte[] DeepListMarkdown(int depth) =>
        Encoding.UTF8.GetBytes("# 某某局2023年政府信息公开工作年度报告\n\n| 信息内容 | 本年制发件数 |\n| --- | --- |\n| 规章 | 0 |\n\n" +
                               string.Concat(Enumerable.Repeat("- ", depth)) + "x\n");

    /// <summary>Markdown with <paramref name="count"/> unmatched emphasis and link openers on one line.</summary>
    public static byte[] OpenersMarkdown(int count) =>
        Encoding.UTF8.GetBytes("# 某某局2023年政府信息公开工作年度报告\n\n| 信息内容 | 本年制发件数 |\n| --- | --- |\n| 规章 | 0 |\n\n" +
                               string.Concat(Enumerable.Repeat("*a [b _c ", count)) + "\n");

    /// <summary>
    /// A valid 8-bit grey PNG of <paramref name="width"/>×<paramref name="height"/> white pixels: the deflated rows
    /// make a 14,000² image some 200 KB. The rows are compressed as they are made, so building it costs no memory.
    /// </summary>
    public static byte[] BigPng(int width, int height)
    {
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[width + 1];
            Array.Fill(row, (byte)255);
            row[0] = 0;
            for (int y = 0; y < height; y++) z.Write(row);
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth; colour type 0 (grey), no interlace
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();

        static void Chunk(Stream s, string type, byte[] data)
        {
            Span<byte> len = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
            s.Write(len);
            var typeBytes = Encoding.ASCII.GetBytes(type);
            s.Write(typeBytes);
            s.Write(data);
            Span<byte> c = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(c, ~Crc(Crc(0xFFFFFFFFu, typeBytes), data));
            s.Write(c);
        }
    }

    /// <summary>PNG's CRC-32 (ISO 3309), bit by bit: the files are small.</summary>
    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc;
    }

    /// <summary>A JPEG whose frame header claims <paramref name="width"/>×<paramref name="height"/> (no image data follows).</summary>
    public static byte[] BigJpegHeader(int width, int height) =>
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
        0xFF, 0xC0, 0x00, 0x0B, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0,
        0xFF, 0xD9,
    ];

    /// <summary>
    /// An image-only PDF (no text layer, so it goes to OCR) of <paramref name="pages"/> pages of
    /// <paramref name="sizePt"/>² points, each with a filled square: issue 13 measured a 660-byte file with one
    /// 7,000 pt page at 55 s, 3.4 GB and 1.6 GB of temporary files.
    /// </summary>
    public static byte[] ImagePdf(double sizePt, int pages = 1)
    {
        var size = sizePt.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        const string content = "0 0 0 rg 72 72 144 144 re f";
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(" ", Enumerable.Range(0, pages).Select(i => $"{4 + i} 0 R"))}] /Count {pages} >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        };
        for (int i = 0; i < pages; i++) objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size} {size}] /Contents 3 0 R /Resources << >> >>");
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (int i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(sb.ToString()));
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        int xref = Encoding.ASCII.GetByteCount(sb.ToString());
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>
    /// A Word file whose document.xml holds <paramref name="paragraphs"/> paragraphs of random digits (so it does
    /// not compress past the zip-bomb ratio): 1,000,000 paragraphs are some 45 MB of XML in a few MB of file.
    /// </summary>
    public static byte[] BigDocx(int paragraphs, int seed = 5)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                w.Write(text);
            }
            Entry("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Entry("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            using var doc = new StreamWriter(zip.CreateEntry("word/document.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            doc.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
            var random = new Random(seed);
            for (int i = 0; i < paragraphs; i++) doc.Write($"<w:p><w:r><w:t>{random.Next()}</w:t></w:r></w:p>");
            doc.Write("</w:body></w:document>");
        }
        return ms.ToArray();
    }

    /// <summary>Each format's signature followed by seeded random bytes.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> RandomBytes(int seed, int length = 4096)
    {
        var signatures = new (string, byte[])[]
        {
            ("pdf", "%PDF-1.7\n"u8.ToArray()),
            ("zip-docx", [0x50, 0x4B, 0x03, 0x04, .. "word/document.xml"u8]),
            ("zip", [0x50, 0x4B, 0x03, 0x04]),
            ("ole-doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            ("png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            ("jpeg", [0xFF, 0xD8, 0xFF]),
            ("tiff", "II*\0"u8.ToArray()),
            ("gif", "GIF89a"u8.ToArray()),
            ("html", "<!DOCTYPE html><html><body>"u8.ToArray()),
            ("rtf", "{\\rtf1"u8.ToArray()),
            ("none", []),
        };
        var random = new Random(seed);
        foreach (var (name, signature) in signatures)
        {
            var bytes = new byte[signature.Length + length];
            signature.CopyTo(bytes, 0);
            random.NextBytes(bytes.AsSpan(signature.Length));
            yield return ($"random-{name}", bytes);
        }
    }

    /// <summary>A real file cut at a few points (a download that stopped).</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Truncations(string name, byte[] bytes)
    {
        foreach (var fraction in new[] { 0.02, 0.3, 0.7, 0.97 })
        {
            int length = Math.Max(1, (int)(bytes.Length * fraction));
            yield return ($"{name}-cut{fraction * 100:0}%", bytes[..length]);
        }
    }
}
