using Nianbao.Tools;
using Nianbao.Reading;
using Nianbao.Recognition;
using Nianbao.Template;
using Nianbao.Validation;

namespace Nianbao.Pipeline;

/// <summary>One input file after the whole pipeline: a validated report, or an error for that file.</summary>
/// <param name="Format">The read format's stable string (<see cref="FileFormats.Name"/>), as the JSON contract and the store carry it.</param>
public sealed record ParsedFile(string Source, string Format, AnnualReport? Report, ReadError? Error, LayoutDocument? Layout)
{
    public bool Ok => Report is not null;

    /// <summary>How many of the report's findings come from reading (the rest from the rules, which a correction reruns).</summary>
    public int ReadingFindings { get; init; }
}

/// <summary>bytes → layout → report → findings, for one file; never throws for bad input.</summary>
public static class ReportPipeline
{
    /// <summary>Files larger than this are refused before reading (a report is at most a few MB).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The time one file may take (issue 13 item 5), so that one file cannot stall a batch: checked in the readers'
    /// long loops and ends external processes (<see cref="ReadBudget"/>); each page read by OCR adds
    /// <see cref="Nianbao.Reading.Ocr.OcrReader.PageAllowance"/>. A real report takes well under a second, a scan seconds a page.
    /// </summary>
    public static readonly TimeSpan DefaultFileBudget = TimeSpan.FromSeconds(120);

    public static ParsedFile ParseFile(string path) => ParseFile(path, null);

    public static ParsedFile ParseFile(string path, TimeSpan? budget)
    {
        var (bytes, code, message) = InputFiles.Read(path, MaxFileBytes);
        return bytes is null ? Fail(path, code!.Value, message!) : ParseBytes(bytes, path, budget);
    }

    public static ParsedFile ParseBytes(byte[] bytes, string source) => ParseBytes(bytes, source, null);

    /// <param name="budget">The file's time budget (default <see cref="DefaultFileBudget"/>); past it the file gets a <c>timeout</c> error.</param>
    public static ParsedFile ParseBytes(byte[] bytes, string source, TimeSpan? budget)
    {
        using var time = ReadBudget.Start(budget ?? DefaultFileBudget);
        try
        {
            var read = DocumentReader.Read(bytes);
            if (read.Error is not null || read.Document is null)
                return new ParsedFile(source, read.Format.Name(), null, read.Error, null);
            var recognized = ReportRecognizer.Recognize(read.Document);
            if (recognized.Report is null)
                return new ParsedFile(source, read.Format.Name(), null, recognized.Error, read.Document);
            // Numbers read by OCR are checked by the arithmetic before the rules see them.
            var report = OcrArithmetic.Check(recognized.Report, read.Document.DigitChecks);
            return new ParsedFile(source, read.Format.Name(), Validator.Validate(report), null, read.Document)
            {
                ReadingFindings = report.Findings.Count,
            };
        }
        catch (ReadRefusedException e)
        {
            return new ParsedFile(source, e.Result.Format.Name(), null, e.Result.Error, null);
        }
        catch (OperationCanceledException) when (time.Expired)
        {
            return Fail(source, ReadErrorCode.Timeout,
                $"读取该文件超过了每个文件 {time.Limit.TotalSeconds:0} 秒的时间上限（文字识别每页另加时间），已停止；其余文件照常处理");
        }
        catch (Exception e)
        {
            // A defect of ours must still not stop the batch: the file gets an error object.
            return Fail(source, ReadErrorCode.Internal, $"处理该文件时发生内部错误（{e.GetType().Name}）：{e.Message}");
        }
    }

    /// <summary>Files named on the command line, and every file under named folders (see <see cref="InputFiles"/>).</summary>
    public static IEnumerable<string> ExpandInputs(IEnumerable<string> paths) => InputFiles.Expand(paths);

    /// <summary>Parses many files on all cores, returning results in input order.</summary>
    /// <remarks>
    /// Load-balanced partitioning: PLINQ would cut a list into one fixed range per core, so a core that is slowed
    /// (a shared machine, a slow file) holds up the ordered output while the other range's results pile up in memory.
    /// </remarks>
    public static IEnumerable<ParsedFile> ParseAll(IEnumerable<string> files, int? parallelism = null, TimeSpan? budget = null)
    {
        var list = files as IList<string> ?? files.ToList();
        // One file: no worker threads to start and no PLINQ code to load (start-up of `parse` on one file).
        if (list.Count <= 1) return list.Select(f => ParseFile(f, budget));
        return System.Collections.Concurrent.Partitioner.Create(list, loadBalance: true)
            .AsParallel().AsOrdered().WithDegreeOfParallelism(parallelism ?? Environment.ProcessorCount).Select(f => ParseFile(f, budget));
    }

    private static ParsedFile Fail(string source, ReadErrorCode code, string message) =>
        new(source, FileFormat.Unknown.Name(), null, new ReadError(code, message), null);
}
