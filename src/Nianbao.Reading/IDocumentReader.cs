namespace Nianbao.Reading;

/// <summary>
/// One reader of one format: says from the content whether a file is its own, then reads it into a
/// <see cref="LayoutDocument"/> (lines, grids, typed cell locations, and <see cref="DocumentMetadata"/> the format
/// states outside the text). Registered in <see cref="DocumentReader"/>; recognition never sees the format again.
/// </summary>
public interface IDocumentReader
{
    /// <summary>The format this reader produces (its string is the <c>format</c> of the JSON contract).</summary>
    FileFormat Format { get; }

    /// <summary>Whether the file is this reader's: decided from <see cref="DocumentInput.Sniffed"/> or the decoded text, never the file name.</summary>
    bool Accepts(DocumentInput input);

    /// <summary>Reads the file; bad input is a <see cref="ReadResult"/> with an error, never an exception.</summary>
    ReadResult Read(DocumentInput input);
}

/// <summary>The text of a file whose bytes sniffed as text, decoded once for every text reader.</summary>
public sealed record DecodedText(string Text, string Encoding, EncodingConfidence Confidence);

/// <summary>One file as the readers see it: its bytes, the format its magic bytes say, and (for text) the decoded text.</summary>
public sealed class DocumentInput
{
    private readonly Lazy<DecodedText?> _text;

    public DocumentInput(byte[] bytes)
    {
        Bytes = bytes;
        Sniffed = FormatSniffer.Sniff(bytes);
        _text = new Lazy<DecodedText?>(Decode, LazyThreadSafetyMode.None);
    }

    public byte[] Bytes { get; }

    /// <summary>The format the bytes announce (<see cref="FileFormat.Text"/> when no magic bytes or markup start them).</summary>
    public FileFormat Sniffed { get; }

    /// <summary>The decoded text when the bytes are text of a readable size; else null (<see cref="Rejection"/> says why).</summary>
    public DecodedText? Text => _text.Value;

    /// <summary>Why bytes that sniffed as text cannot be read as text (binary, too large); null otherwise.</summary>
    public ReadResult? Rejection { get; private set; }

    private DecodedText? Decode()
    {
        if (Sniffed != FileFormat.Text) return null;
        if (LooksBinary(Bytes))
        {
            Rejection = ReadResult.Fail(FileFormat.Binary, ReadErrorCode.Binary);
            return null;
        }
        var (text, encoding, confidence) = TextDecoder.Decode(Bytes);
        if (text.Length > DocumentReader.MaxTextChars)
        {
            Rejection = ReadResult.Fail(FileFormat.Text, ReadErrorCode.TooLarge, $"文件过大（{text.Length / 1024 / 1024} M 字符），不是一份年度报告");
            return null;
        }
        return new DecodedText(text, encoding, confidence);
    }

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
