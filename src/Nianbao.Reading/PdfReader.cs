using System.Text.RegularExpressions;
using Nianbao.Reading.Pdf;

namespace Nianbao.Reading;

/// <summary>
/// PDF with a text layer, through poppler (no in-process PDF reader restores here). Tables are rebuilt from the PDF
/// itself: words with boxes from <c>pdftotext -bbox-layout</c>, ruling lines from <c>pdftocairo -svg</c>, cells
/// from the lines (<see cref="RuledGrid"/>, "pdf-lattice"). A PDF without ruled tables is read as poppler's
/// <c>-layout</c> text ("pdftotext-layout"), which keeps a table row on one line. A PDF without a text layer (a
/// scan) goes to <see cref="Ocr.OcrReader"/>.
/// </summary>
public static class PdfReader
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Fewer letters than this (CJK or Latin) in the whole text means no usable text layer.</summary>
    private const int MinLetters = 20;

    /// <summary>More pages than this is not one annual report (real ones have 3–30 pages); refused before any page is read.</summary>
    public const int MaxPages = 100;

    public static ReadResult Read(byte[] bytes)
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-pdfin-");
        try
        {
            var path = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(path, bytes);
            try
            {
                return Read(path, dir.FullName);
            }
            catch (ExternalToolException e)
            {
                return ReadResult.Fail("pdf", "tool", e.Message);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static ReadResult Read(string path, string dir)
    {
        // A damaged file makes pdfinfo fail too; pdftotext below names the problem.
        var info = ExternalTool.Run(["pdfinfo"], "poppler-utils", [path], Timeout);
        int pageCount = info.ExitCode == 0 && Regex.Match(info.StdOut, @"^Pages:\s*(\d+)", RegexOptions.Multiline) is { Success: true } m &&
            int.TryParse(m.Groups[1].Value, out var n) ? n : 0;
        if (pageCount > MaxPages)
            return ReadResult.Fail("pdf", "too_large", $"PDF 页数过多（{pageCount} 页），不是一份年度报告（年度报告通常不超过 30 页，最多读取 {MaxPages} 页）");

        var bbox = Path.Combine(dir, "words.html");
        var words = ExternalTool.Run(["pdftotext"], "poppler-utils", ["-bbox-layout", "-enc", "UTF-8", path, bbox], Timeout);
        if (words.ExitCode != 0 || !File.Exists(bbox))
        {
            var why = words.StdErr.Trim().Split('\n')[^1];
            return ReadResult.Fail("pdf", "corrupt", $"PDF 文件损坏或加密，无法读取（pdftotext：{why}）");
        }
        IReadOnlyList<PopplerWords.Page> wordPages;
        using (var reader = File.OpenText(bbox)) wordPages = PopplerWords.Parse(reader);
        long chars = wordPages.Sum(p => p.Words.Sum(w => (long)w.Text.Length + 1));
        if (chars > DocumentReader.MaxTextChars)
            return ReadResult.Fail("pdf", "too_large", $"PDF 的文字过多（{chars / 1024 / 1024} M 字符），不是一份年度报告");
        // No text layer: a scan, read by OCR.
        if (wordPages.Sum(p => p.Words.Sum(w => w.Text.Count(char.IsLetter))) < MinLetters)
            return Ocr.OcrReader.ReadPdf(path, dir, pageCount);

        var rules = Rules(path, dir);
        var pages = wordPages.Select((p, i) => new PdfPage(i + 1, p.Width, p.Height, p.Words, i < rules.Count ? rules[i] : [])).ToList();
        string[]? layoutPages = null;
        string ColumnsText(int page)
        {
            layoutPages ??= LayoutText(path).Split('\f');
            return page - 1 < layoutPages.Length ? layoutPages[page - 1] : "";
        }
        var layout = PdfLayout.Instance.Read(pages, ColumnsText);
        if (layout is null)
        {
            var text = LayoutText(path).Replace('\f', '\n');
            layout = PlainTextReader.Instance.Read(text, "utf-8", EncodingConfidence.Certain) with { Format = "pdf", Method = PdfLayout.AlignedColumnsName };
        }
        return new ReadResult("pdf", layout, null);
    }

    /// <summary>Ruling lines per page; a PDF cairo cannot draw has none, and is read as text.</summary>
    private static IReadOnlyList<IReadOnlyList<PdfRule>> Rules(string path, string dir)
    {
        var svg = Path.Combine(dir, "pages.svg");
        var output = ExternalTool.Run(["pdftocairo"], "poppler-utils", ["-svg", path, svg], Timeout);
        if (output.ExitCode != 0 || !File.Exists(svg)) return [];
        using var reader = File.OpenText(svg);
        return SvgRules.Parse(reader);
    }

    private static string LayoutText(string path)
    {
        var output = ExternalTool.Run(["pdftotext"], "poppler-utils", ["-layout", "-enc", "UTF-8", path, "-"], Timeout);
        return output.ExitCode == 0 ? output.StdOut : "";
    }
}
