namespace Nianbao.Reading;

/// <summary>Why a file could not be read as a report at all: one error object for that file, and the batch goes on.</summary>
/// <param name="Code">
/// Stable machine code: <c>empty</c>, <c>binary</c>, <c>unsupported_format</c>, <c>corrupt</c>, <c>too_large</c>,
/// <c>io</c> (missing, unreadable or not a regular file), <c>tool</c> (a Debian tool the format needs is missing),
/// <c>no_text</c>, <c>not_a_report</c>, <c>old_template</c> (a report in the pre-2019 format), <c>timeout</c> (the
/// file took longer than its time budget, see <see cref="ReadBudget"/>), <c>internal</c>.
/// </param>
/// <param name="Message">简体中文, for the person who gave the file.</param>
public sealed record ReadError(string Code, string Message);

/// <summary>The outcome of reading one file: a layout or an error.</summary>
public sealed record ReadResult(string Format, LayoutDocument? Document, ReadError? Error)
{
    public static ReadResult Fail(string format, string code, string message) => new(format, null, new ReadError(code, message));
}

/// <summary>
/// A reader refuses a file before doing costly work (a markup bomb, a raster too large): the file gets this error,
/// the batch goes on. Thrown where a reader's signature returns a layout, caught where a file's result is made.
/// </summary>
public sealed class ReadRefusedException(string format, string code, string message) : Exception(message)
{
    public ReadResult Result { get; } = ReadResult.Fail(format, code, message);
}
