
namespace Nianbao.Rendering;

/// <summary>One page of a PDF as PNG, through poppler's <c>pdftoppm</c>: the review page draws a cell's box on it.</summary>
public static class PageImages
{
    /// <summary>Enough to read a table's digits on a laptop screen; a 3-page A4 report renders in well under a second.</summary>
    public const int Dpi = 100;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <returns>The PNG, or null when the page does not exist or poppler cannot draw it.</returns>
    public static byte[]? Render(byte[] pdf, int page)
    {
        if (page < 1) return null;
        var dir = Directory.CreateTempSubdirectory("nianbao-page-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            var output = Path.Combine(dir.FullName, "page");
            File.WriteAllBytes(input, pdf);
            var p = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var result = ExternalTool.Run(["pdftoppm"], "poppler-utils",
                ["-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", p, "-l", p, "-png", "-singlefile", input, output], Timeout);
            var png = output + ".png";
            return result.ExitCode == 0 && File.Exists(png) ? File.ReadAllBytes(png) : null;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
