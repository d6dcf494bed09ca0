using System.Diagnostics;
using Nianbao.Reading.Pdf;

namespace Nianbao.Reading;

/// <summary>
/// PDF with a text layer, read in-process by PdfPig (<see cref="PdfPigPages"/>). Tables are rebuilt from the PDF
/// itself: words with boxes built from its characters, ruling lines from its drawn paths, cells from the lines
/// (<see cref="RuledGrid"/>, "pdf-lattice"). A page without ruled tables whose words stand in columns is read as
/// aligned text in the shape of poppler's <c>-layout</c> output (<see cref="ColumnsText"/>, "pdftotext-layout"),
/// which keeps a table row on one line. A PDF without a text layer (a scan) goes to <see cref="Ocr.OcrReader"/>.
/// </summary>
public sealed class PdfReader : IDocumentReader
{
    public static readonly PdfReader Instance = new();

    public FileFormat Format => FileFormat.Pdf;

    public bool Accepts(DocumentInput input) => input.Sniffed == FileFormat.Pdf;

    public ReadResult Read(DocumentInput input) => Read(input.Bytes);

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Fewer letters than this (CJK or Latin) in the whole text means no usable text layer.</summary>
    private const int MinLetters = 20;

    /// <summary>More pages than this is not one annual report (real ones have 3–30 pages); refused before any page is read.</summary>
    public const int MaxPages = 100;

    public static ReadResult Read(byte[] bytes)
    {
        List<PdfPage> pages;
        int pageCount;
        try
        {
            using var document = PdfPigPages.Open(bytes);
            pageCount = document.PageCount;
            if (pageCount > MaxPages)
                return ReadResult.Fail(FileFormat.Pdf, ReadErrorCode.TooLarge, $"PDF 页数过多（{pageCount} 页），不是一份年度报告（年度报告通常不超过 30 页，最多读取 {MaxPages} 页）");
            pages = [];
            long chars = 0;
            var watch = Stopwatch.StartNew();
            for (int n = 1; n <= pageCount; n++)
            {
                // Checked before each page: a file refused for its page count never gets here (a test relies on it).
                ReadBudget.Check();
                var page = document.Page(n);
                pages.Add(page);
                chars += page.Words.Sum(w => (long)w.Text.Length + 1);
                if (chars > DocumentReader.MaxTextChars)
                    return ReadResult.Fail(FileFormat.Pdf, ReadErrorCode.TooLarge, $"PDF 的文字过多（{chars / 1024 / 1024} M 字符），不是一份年度报告");
                if (watch.Elapsed > Timeout)
                    return ReadResult.Fail(FileFormat.Pdf, ReadErrorCode.TooLarge, $"PDF 页面过于复杂，{Timeout.TotalSeconds:0} 秒内未能读完（已读 {n} 页）");
            }
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException or OperationCanceledException))
        {
            // PdfPig names the damage (broken cross-reference, encryption with a password, bad stream): the reviewer sees why.
            return ReadResult.Fail(FileFormat.Pdf, ReadErrorCode.Corrupt, $"PDF 文件损坏或加密，无法读取（{e.GetType().Name}：{e.Message}）");
        }

        // No text layer: a scan, read by OCR (rasterised by poppler).
        if (pages.Sum(p => p.Words.Sum(w => w.Text.Count(char.IsLetter))) < MinLetters)
            return ReadScan(bytes, pages.Select(p => (p.Width, p.Height)).ToList());

        var layout = PdfLayout.Instance.Read(pages, n => n - 1 < pages.Count ? ColumnsText.Page(pages[n - 1]) : "");
        if (layout is null)
        {
            var text = string.Join("\n", pages.Select(ColumnsText.Page));
            layout = PlainTextReader.Instance.Read(text, "utf-8", EncodingConfidence.Certain) with { Format = FileFormat.Pdf, Method = PdfLayout.AlignedColumnsName };
        }
        return new ReadResult(FileFormat.Pdf, layout, null);
    }

    private static ReadResult ReadScan(byte[] bytes, IReadOnlyList<(double Width, double Height)> pageSizes)
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-pdfin-");
        try
        {
            var path = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(path, bytes);
            return Ocr.OcrReader.ReadPdf(path, dir.FullName, pageSizes);
        }
        catch (ExternalToolException e)
        {
            return ReadResult.Fail(FileFormat.Pdf, ReadErrorCode.Tool, e.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
