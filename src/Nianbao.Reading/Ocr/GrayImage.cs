using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Nianbao.Reading.Ocr;

/// <summary>An 8-bit grey raster (0 black, 255 white), row-major, with its resolution in dots per inch.</summary>
public sealed class GrayImage(int width, int height, byte[] pixels, double dpi)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public byte[] Pixels { get; } = pixels;
    public double Dpi { get; } = dpi;

    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>Points (1/72 inch) per pixel: the word and rule steps work in points, as for a PDF.</summary>
    public double PointsPerPixel => 72.0 / Dpi;

    /// <summary>Binary PGM (P5), as <c>pdftoppm -gray</c> writes it; null when the bytes are not one.</summary>
    public static GrayImage? ReadPgm(byte[] b, double dpi)
    {
        int pos = 0;
        string? Token()
        {
            while (pos < b.Length)
            {
                if (b[pos] == '#') { while (pos < b.Length && b[pos] != '\n') pos++; }
                else if (char.IsWhiteSpace((char)b[pos])) pos++;
                else break;
            }
            int start = pos;
            while (pos < b.Length && !char.IsWhiteSpace((char)b[pos])) pos++;
            return pos > start ? Encoding.ASCII.GetString(b, start, pos - start) : null;
        }
        if (Token() != "P5" || !int.TryParse(Token(), out var w) || !int.TryParse(Token(), out var h) ||
            !int.TryParse(Token(), out var max) || max is < 1 or > 255 || w < 1 || h < 1)
            return null;
        pos++; // the single white-space byte before the raster
        if ((long)w * h > b.Length - pos) return null;
        return new GrayImage(w, h, b.AsSpan(pos, w * h).ToArray(), dpi);
    }

    public byte[] ToPgm()
    {
        var header = Encoding.ASCII.GetBytes($"P5\n{Width} {Height}\n255\n");
        var result = new byte[header.Length + Pixels.Length];
        header.CopyTo(result, 0);
        Pixels.CopyTo(result, header.Length);
        return result;
    }

    /// <summary>
    /// A non-interlaced 8-bit PNG (grey, grey+alpha, RGB, RGBA or palette) as grey over white; null for anything
    /// else (16-bit, interlaced, damaged), which is then read without ruling lines. The resolution is the pHYs
    /// chunk's, else <paramref name="fallbackDpi"/> of the size.
    /// </summary>
    public static GrayImage? ReadPng(byte[] b, Func<int, int, double> fallbackDpi)
    {
        if (b.Length < 8 || !b.AsSpan(0, 8).SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return null;
        int width = 0, height = 0, depth = 0, colour = 0, interlace = 0;
        double dpi = 0;
        byte[]? palette = null;
        using var idat = new MemoryStream();
        int pos = 8;
        while (pos + 12 <= b.Length)
        {
            int len = BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(pos));
            if (len < 0 || pos + 12L + len > b.Length) return null;
            var type = Encoding.ASCII.GetString(b, pos + 4, 4);
            var data = b.AsSpan(pos + 8, len);
            switch (type)
            {
                case "IHDR" when len >= 13:
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    (depth, colour, interlace) = (data[8], data[9], data[12]);
                    break;
                case "PLTE": palette = data.ToArray(); break;
                case "IDAT": idat.Write(data); break;
                case "pHYs" when len >= 9 && data[8] == 1:
                    dpi = BinaryPrimitives.ReadUInt32BigEndian(data) * 0.0254;
                    break;
            }
            pos += 12 + len;
            if (type == "IEND") break;
        }
        int channels = colour switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        if (depth != 8 || interlace != 0 || channels == 0 || width <= 0 || height <= 0 || (colour == 3 && palette is null)) return null;
        if ((long)width * height > OcrReader.MaxImagePixels) return null; // checked from the header before; kept for callers that did not
        int stride = width * channels;
        var raw = new byte[(stride + 1) * height];
        try
        {
            idat.Position = 0;
            using var z = new ZLibStream(idat, CompressionMode.Decompress);
            z.ReadExactly(raw);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return null;
        }
        var pixels = new byte[width * height];
        var prev = new byte[stride];
        var cur = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            raw.AsSpan(y * (stride + 1) + 1, stride).CopyTo(cur);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? cur[i - channels] : 0, up = prev[i], c = i >= channels ? prev[i - channels] : 0;
                cur[i] = (byte)(cur[i] + filter switch
                {
                    1 => a,
                    2 => up,
                    3 => (a + up) / 2,
                    4 => Paeth(a, up, c),
                    _ => 0,
                });
            }
            for (int x = 0; x < width; x++)
            {
                int o = x * channels;
                int grey = colour switch
                {
                    0 or 4 => cur[o],
                    3 => cur[o] * 3 + 2 < palette!.Length ? Luma(palette[cur[o] * 3], palette[cur[o] * 3 + 1], palette[cur[o] * 3 + 2]) : 255,
                    _ => Luma(cur[o], cur[o + 1], cur[o + 2]),
                };
                // Transparent pixels show the white page beneath.
                int alpha = colour == 4 ? cur[o + 1] : colour == 6 ? cur[o + 3] : 255;
                pixels[y * width + x] = (byte)((grey * alpha + 255 * (255 - alpha)) / 255);
            }
            (prev, cur) = (cur, prev);
        }
        return new GrayImage(width, height, pixels, dpi > 0 ? dpi : fallbackDpi(width, height));
    }

    private static int Luma(int r, int g, int b) => (r * 299 + g * 587 + b * 114) / 1000;

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
