using System.Text;

namespace Nianbao.Reading;

/// <summary>Decides a file's format from its bytes, never its name.</summary>
public static class FormatSniffer
{
    public static string Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("%PDF-"u8)) return "pdf";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
            return Contains(b, "word/"u8) ? "docx" : Contains(b, "xl/"u8) ? "xlsx" : "zip";
        if (b.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return "doc";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])) return "image";
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image";
        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8) || b.StartsWith("GIF8"u8)) return "image";
        if (b.StartsWith("{\\rtf"u8)) return "rtf";
        if (LooksLikeHtml(b)) return "html";
        return "text";
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> b)
    {
        var head = Encoding.ASCII.GetString(b[..Math.Min(b.Length, 2048)]).TrimStart('\uFEFF', ' ', '\r', '\n', '\t', '?', 'ï', '»', '¿');
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
               || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
               || (head.StartsWith('<') && head.Contains("<body", StringComparison.OrdinalIgnoreCase));
    }

    private static bool Contains(ReadOnlySpan<byte> b, ReadOnlySpan<byte> needle) =>
        b[..Math.Min(b.Length, 1 << 16)].IndexOf(needle) >= 0;
}
