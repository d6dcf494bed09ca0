namespace Nianbao.Reading;

/// <summary>Why a file could not be read as a report. The snake-case string (<see cref="ReadErrors.Name"/>) is the stable <c>code</c> of the JSON contract.</summary>
public enum ReadErrorCode
{
    /// <summary><c>empty</c>: nothing but white space.</summary>
    Empty,
    /// <summary><c>binary</c>: bytes that are no text and no format a reader knows.</summary>
    Binary,
    /// <summary><c>unsupported_format</c>: a known format no reader reads (XLSX, RTF, ZIP).</summary>
    UnsupportedFormat,
    /// <summary><c>corrupt</c>: the format is known but the file is damaged or encrypted.</summary>
    Corrupt,
    /// <summary><c>too_large</c>: more pages, characters or time than one report takes.</summary>
    TooLarge,
    /// <summary><c>io</c>: missing, unreadable or not a regular file.</summary>
    Io,
    /// <summary><c>tool</c>: a Debian tool the format needs is missing or failed.</summary>
    Tool,
    /// <summary><c>no_text</c>: OCR found no text in the image.</summary>
    NoText,
    /// <summary><c>not_a_report</c>: readable, but not a government information disclosure annual report.</summary>
    NotAReport,
    /// <summary><c>old_template</c>: a report in the pre-2019 format.</summary>
    OldTemplate,
    /// <summary><c>timeout</c>: the file took longer than its time budget (<see cref="Nianbao.Tools.ReadBudget"/>).</summary>
    Timeout,
    /// <summary><c>internal</c>: a defect of ours; the batch goes on.</summary>
    Internal,
    /// <summary><c>already_known</c>: the web upload saw the same bytes stored before.</summary>
    AlreadyKnown,
}

/// <summary>The one table of read-error codes: their stable strings and the message used when a reader has nothing more particular to say.</summary>
public static class ReadErrors
{
    private static readonly Dictionary<ReadErrorCode, (string Name, string Message)> Table = new()
    {
        [ReadErrorCode.Empty] = ("empty", "文件为空，没有可读取的内容"),
        [ReadErrorCode.Binary] = ("binary", "文件内容是二进制数据，不是文本，无法作为年度报告读取"),
        [ReadErrorCode.UnsupportedFormat] = ("unsupported_format", "不支持的文件格式"),
        [ReadErrorCode.Corrupt] = ("corrupt", "文件已损坏，无法读取"),
        [ReadErrorCode.TooLarge] = ("too_large", "文件过大，不是一份年度报告"),
        [ReadErrorCode.Io] = ("io", "无法读取该文件"),
        [ReadErrorCode.Tool] = ("tool", "读取该格式所需的外部程序不可用"),
        [ReadErrorCode.NoText] = ("no_text", "文字识别（OCR）没有在图像中找到文字"),
        [ReadErrorCode.NotAReport] = ("not_a_report", "未找到年度报告的标题、六个部分或统计表，这不是一份政府信息公开工作年度报告"),
        [ReadErrorCode.OldTemplate] = ("old_template", "这是2019年以前格式的年度报告，无法读取其统计数据"),
        [ReadErrorCode.Timeout] = ("timeout", "读取该文件超过了时间限度，已停止"),
        [ReadErrorCode.Internal] = ("internal", "处理该文件时发生内部错误"),
        [ReadErrorCode.AlreadyKnown] = ("already_known", "该文件此前已入库"),
    };

    private static readonly Dictionary<string, ReadErrorCode> ByName =
        Table.ToDictionary(p => p.Value.Name, p => p.Key, StringComparer.Ordinal);

    public static IEnumerable<ReadErrorCode> All => Table.Keys;

    /// <summary>The code's stable string (<c>too_large</c>).</summary>
    public static string Name(this ReadErrorCode code) => Table[code].Name;

    /// <summary>The general message for the code (简体中文).</summary>
    public static string Message(this ReadErrorCode code) => Table[code].Message;

    /// <summary>A code string back to the enum; a string not in the table is a defect of ours.</summary>
    public static ReadErrorCode Parse(string name) =>
        ByName.TryGetValue(name, out var code) ? code : throw new ArgumentException($"unknown read error code '{name}'", nameof(name));
}

/// <summary>Why a file could not be read as a report at all: one error object for that file, and the batch goes on.</summary>
/// <param name="Kind">The code (<see cref="ReadErrors"/> holds their strings and general messages).</param>
/// <param name="Message">简体中文, for the person who gave the file.</param>
public sealed record ReadError(ReadErrorCode Kind, string Message)
{
    /// <summary>The general message of the code.</summary>
    public ReadError(ReadErrorCode kind) : this(kind, kind.Message()) { }

    /// <summary>The stable machine code of the JSON contract (<see cref="ReadErrors.Name"/>).</summary>
    public string Code => Kind.Name();
}

/// <summary>The outcome of reading one file: a layout or an error.</summary>
public sealed record ReadResult(FileFormat Format, LayoutDocument? Document, ReadError? Error)
{
    public static ReadResult Ok(LayoutDocument document) => new(document.Format, document, null);

    public static ReadResult Fail(FileFormat format, ReadErrorCode code, string message) => new(format, null, new ReadError(code, message));

    public static ReadResult Fail(FileFormat format, ReadErrorCode code) => new(format, null, new ReadError(code));
}

/// <summary>
/// A reader refuses a file before doing costly work (a markup bomb, a raster too large): the file gets this error,
/// the batch goes on. Thrown where a reader's signature returns a layout, caught where a file's result is made.
/// </summary>
public sealed class ReadRefusedException(FileFormat format, ReadErrorCode code, string message) : Exception(message)
{
    public ReadResult Result { get; } = ReadResult.Fail(format, code, message);
}
