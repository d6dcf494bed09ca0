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
            // A UTF-8 file with a damaged byte or a character cut at the end is still UTF-8: its other multibyte
            // sequences are valid, which GB18030 text almost never gives. The damage becomes U+FFFD, which
            // recognition reports by line; the rest of the file is read as written.
            var (invalid, valid) = Utf8Sequences(bytes);
            if (valid >= MinValidForDamagedUtf8 && invalid * MaxInvalidShare <= valid)
                return (Encoding.UTF8.GetString(bytes), "utf-8", EncodingConfidence.Tentative);
            return (Encoding.GetEncoding("GB18030").GetString(bytes), "gb18030", EncodingConfidence.Tentative);
        }
    }

    /// <summary>Fewer valid multibyte sequences than this says too little to call the file UTF-8.</summary>
    private const int MinValidForDamagedUtf8 = 20;

    /// <summary>At most one invalid sequence per this many valid ones (GB18030 text is invalid UTF-8 nearly everywhere).</summary>
    private const int MaxInvalidShare = 50;

    /// <summary>Invalid and valid UTF-8 multibyte sequences (ASCII not counted).</summary>
    private static (int Invalid, int Valid) Utf8Sequences(ReadOnlySpan<byte> bytes)
    {
        int invalid = 0, valid = 0;
        while (!bytes.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out int consumed);
            if (status != System.Buffers.OperationStatus.Done) invalid++;
            else if (rune.Value >= 0x80) valid++;
            bytes = bytes[Math.Max(consumed, 1)..];
        }
        return (invalid, valid);
    }

    /// <summary>Ensures GB18030 and other code pages are available (idempotent).</summary>
    public static void EnsureCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
