namespace Nianbao.Reading;

/// <summary>
/// A file's format, decided from its content (<see cref="FormatSniffer"/>), never its name. The lower-case member
/// name is the stable string of the JSON contract and the store (<c>format</c>: <c>text</c>, <c>html</c>, <c>pdf</c>…),
/// so a new member is a new format string and nothing else.
/// </summary>
public enum FileFormat
{
    /// <summary>Not known: the file could not be opened, or a stored format string this version does not know.</summary>
    Unknown,
    Text,
    Markdown,
    Html,
    Docx,
    /// <summary>Word 97–2003 and WPS (OLE compound file).</summary>
    Doc,
    Pdf,
    Image,
    Xlsx,
    Zip,
    Rtf,
    /// <summary>Not a format: bytes that are no text in any encoding a report uses.</summary>
    Binary,
}

/// <summary>The stable strings of <see cref="FileFormat"/> and the names shown to people.</summary>
public static class FileFormats
{
    private static readonly Dictionary<FileFormat, string> Names =
        Enum.GetValues<FileFormat>().ToDictionary(f => f, f => f.ToString().ToLowerInvariant());

    private static readonly Dictionary<string, FileFormat> ByName =
        Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The format's string in JSON output and in the store (<c>pdf</c>, <c>markdown</c>…).</summary>
    public static string Name(this FileFormat format) => Names[format];

    /// <summary>A stored or serialised format string back to the enum; unknown strings are <see cref="FileFormat.Unknown"/>.</summary>
    public static FileFormat Parse(string? name) =>
        name is not null && ByName.TryGetValue(name, out var f) ? f : FileFormat.Unknown;

    /// <summary>How the format is named to the person who gave the file (the unsupported-format message).</summary>
    public static string DisplayName(this FileFormat format) => format switch
    {
        FileFormat.Doc => "DOC/WPS",
        FileFormat.Image => "图片",
        FileFormat.Text or FileFormat.Markdown or FileFormat.Unknown or FileFormat.Binary => format.Name(),
        _ => format.Name().ToUpperInvariant(),
    };

    /// <summary>Formats whose original bytes are kept beside the text: a page image shows what the text cannot.</summary>
    public static bool KeepsOriginal(this FileFormat format) => format is FileFormat.Pdf or FileFormat.Image;
}
