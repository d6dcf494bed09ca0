using System.Text;

namespace Nianbao.Reading;

/// <summary>
/// Bytes → string without a detector package: BOM (UTF-8, UTF-16 LE/BE) is certain; otherwise strict
/// UTF-8, and if that fails GB18030 (a superset of GBK and GB2312), which is tentative.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static (string Text, string Encoding, EncodingConfidence Confidence) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return (Encoding.UTF8.GetString(bytes[3..]), "utf-8", EncodingConfidence.Certain);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le", EncodingConfidence.Certain);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be", EncodingConfidence.Certain);
        try
        {
            return (StrictUtf8.GetString(bytes), "utf-8", EncodingConfidence.Tentative);
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding("GB18030").GetString(bytes), "gb18030", EncodingConfidence.Tentative);
        }
    }

    /// <summary>Ensures GB18030 and other code pages are available (idempotent).</summary>
    public static void EnsureCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
