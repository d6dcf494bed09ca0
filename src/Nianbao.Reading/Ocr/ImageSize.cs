using System.Buffers.Binary;

namespace Nianbao.Reading.Ocr;

/// <summary>
/// An image file's pixel dimensions from its header, before anything is decoded (issue 13 item 5: a 787 KB PNG of
/// 14,000² took 1.4 GB): PNG's IHDR, JPEG's start-of-frame, every page of a TIFF, GIF's logical screen. Null when the
/// header cannot be read, which the OCR reader refuses rather than handing an unknown size to a decoder.
/// </summary>
public static class ImageSize
{
    /// <summary>Most TIFF pages looked at (past the OCR page limit the file is refused anyway).</summary>
    private const int MaxTiffPages = 1000;

    public static IReadOnlyList<(int Width, int Height)>? Pages(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 24 && b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && b[12..16].SequenceEqual("IHDR"u8))
            return [(BinaryPrimitives.ReadInt32BigEndian(b[16..]), BinaryPrimitives.ReadInt32BigEndian(b[20..]))];
        if (b.Length >= 10 && b.StartsWith("GIF8"u8))
            return [(BinaryPrimitives.ReadUInt16LittleEndian(b[6..]), BinaryPrimitives.ReadUInt16LittleEndian(b[8..]))];
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8) return Jpeg(b) is { } j ? [j] : null;
        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8)) return Tiff(b);
        return null;
    }

    /// <summary>The first start-of-frame marker (baseline, progressive, lossless, arithmetic: C0–CF but C4, C8, CC).</summary>
    private static (int, int)? Jpeg(ReadOnlySpan<byte> b)
    {
        int pos = 2;
        while (pos + 4 <= b.Length)
        {
            if (b[pos] != 0xFF) return null;
            byte marker = b[pos + 1];
            if (marker == 0xFF) { pos++; continue; } // fill byte
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { pos += 2; continue; } // no length
            int length = BinaryPrimitives.ReadUInt16BigEndian(b[(pos + 2)..]);
            if (length < 2) return null;
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (pos + 9 > b.Length) return null;
                return (BinaryPrimitives.ReadUInt16BigEndian(b[(pos + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(b[(pos + 5)..]));
            }
            if (marker is 0xD9 or 0xDA) return null; // end of image or scan data before any frame header
            pos += 2 + length;
        }
        return null;
    }

    private static List<(int, int)>? Tiff(ReadOnlySpan<byte> b)
    {
        bool little = b[0] == 'I';
        uint U32(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        ushort U16(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        if (b.Length < 8) return null;
        var pages = new List<(int, int)>();
        var seen = new HashSet<uint>();
        uint ifd = U32(b[4..]);
        while (ifd != 0 && pages.Count < MaxTiffPages)
        {
            if (!seen.Add(ifd) || ifd + 2L > b.Length) return null; // a loop of pages, or past the end
            int count = U16(b[(int)ifd..]);
            long next = ifd + 2L + 12L * count;
            if (next + 4 > b.Length) return null;
            long width = -1, height = -1;
            for (int e = 0; e < count; e++)
            {
                var entry = b.Slice((int)ifd + 2 + 12 * e, 12);
                int tag = U16(entry), type = U16(entry[2..]);
                long value = type == 3 ? U16(entry[8..]) : type == 4 ? U32(entry[8..]) : -1;
                if (tag == 256) width = value;
                else if (tag == 257) height = value;
            }
            if (width < 0 || height < 0) return null;
            pages.Add(((int)Math.Min(width, int.MaxValue), (int)Math.Min(height, int.MaxValue)));
            ifd = U32(b[(int)next..]);
        }
        return pages.Count > 0 ? pages : null;
    }
}
