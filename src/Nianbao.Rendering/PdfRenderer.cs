using Nianbao.Template;

namespace Nianbao.Rendering;

/// <summary>
/// PDF: the HTML rendering printed by headless Chromium (Debian's <c>chromium</c>; <c>NIANBAO_CHROMIUM</c> names
/// another), A4 without browser headers and footers. A missing browser is a clear error naming the package.
/// </summary>
public sealed class PdfRenderer : IReportRenderer
{
    public static readonly PdfRenderer Instance = new();

    private PdfRenderer() { }

    public string Target => "pdf";

    public string Extension => "pdf";

    public string MediaType => "application/pdf";

    public bool IsBinary => true;

    public byte[] Write(AnnualReport report, ReportDocument document) => Render(HtmlRenderer.Render(document));
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static IReadOnlyList<string> Browsers =>
        Environment.GetEnvironmentVariable("NIANBAO_CHROMIUM") is { Length: > 0 } own
            ? [own]
            : ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    public static byte[] Render(string html)
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-pdf-");
        try
        {
            var page = Path.Combine(dir.FullName, "report.html");
            var pdf = Path.Combine(dir.FullName, "report.pdf");
            File.WriteAllText(page, html);
            var result = ExternalTool.Run(Browsers, "chromium fonts-noto-cjk",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--disable-extensions",
                $"--user-data-dir={Path.Combine(dir.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
            ], Timeout);
            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
                throw new ExternalToolException($"Chromium 未能生成 PDF（退出码 {result.ExitCode}）：{result.StdErr.Trim().Split('\n')[^1]}");
            return File.ReadAllBytes(pdf);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
