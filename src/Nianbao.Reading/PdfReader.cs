namespace Nianbao.Reading;

/// <summary>
/// PDF with a text layer, through poppler's <c>pdftotext -layout</c> (no in-process PDF reader restores here): the
/// page text keeps each table row on one line, which recognition reads like other PDF text. Line numbers in the
/// provenance are lines of that text. Not yet: grids rebuilt from word boxes (a vertically merged label beside a
/// row label can interleave with it, and such rows come out null — never wrong), OCR of scans.
/// </summary>
public static class PdfReader
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Fewer letters than this (CJK or Latin) in the whole text means no usable text layer.</summary>
    private const int MinLetters = 20;

    public static ReadResult Read(byte[] bytes)
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-pdfin-");
        try
        {
            var path = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(path, bytes);
            ExternalTool.Output output;
            try
            {
                output = ExternalTool.Run(["pdftotext"], "poppler-utils", ["-layout", "-enc", "UTF-8", path, "-"], Timeout);
            }
            catch (ExternalToolException e)
            {
                return ReadResult.Fail("pdf", "tool", e.Message);
            }
            if (output.ExitCode != 0)
            {
                var why = output.StdErr.Trim().Split('\n')[^1];
                return ReadResult.Fail("pdf", "corrupt", $"PDF 文件损坏或加密，无法读取（pdftotext：{why}）");
            }
            var text = output.StdOut.Replace('\f', '\n');
            if (text.Length > DocumentReader.MaxTextChars)
                return ReadResult.Fail("pdf", "too_large", $"PDF 的文字过多（{text.Length / 1024 / 1024} M 字符），不是一份年度报告");
            if (text.Count(char.IsLetter) < MinLetters)
                return ReadResult.Fail("pdf", "no_text_layer", "PDF 没有可提取的文字层（可能是扫描件或图片），当前版本尚不能识别图片中的文字");
            var layout = PlainTextReader.Instance.Read(text, "utf-8", EncodingConfidence.Certain);
            return new ReadResult("pdf", layout with { Format = "pdf", Method = "pdftotext-layout" }, null);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
