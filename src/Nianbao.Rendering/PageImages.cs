using System.Globalization;
using System.Text.RegularExpressions;
using Nianbao.Tools;

namespace Nianbao.Rendering;

/// <summary>A drawn page and the resolution it was drawn at (lower than <see cref="PageImages.Dpi"/> when scaled down to the pixel cap).</summary>
public sealed record PageImage(byte[] Png, double Dpi);

/// <summary>A page whose size no real report has (a crafted file); drawing it is refused with this message.</summary>
public sealed class PageSizeException(string message) : Exception(message);

/// <summary>
/// One page of a PDF as PNG, through poppler: the review page draws a cell's box on it. The page's size is asked of
/// <c>pdfinfo</c> first, so a huge page (a PDF may declare 14,400 pt, 200 inches) is drawn with <c>-scale-to</c>
/// within a pixel cap instead of as a raster of gigabytes, and an absurd one is refused before anything is drawn.
/// </summary>
public static partial class PageImages
{
    /// <summary>Enough to read a table's digits on a laptop screen; a 3-page A4 report renders in well under a second.</summary>
    public const int Dpi = 100;

    /// <summary>The largest page side the PDF format allows without a UserUnit (200 inches); beyond it a page is refused.</summary>
    public const double MaxPoints = 14_400;

    /// <summary>Longer side over shorter: a long receipt is 10; 100 is a page made to be a line.</summary>
    public const double MaxAspect = 100;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <returns>The PNG and its resolution, or null when the page does not exist or poppler cannot draw it.</returns>
    /// <exception cref="PageSizeException">The page's size is outside what any report has.</exception>
    public static PageImage? Render(byte[] pdf, int page, int maxPixels)
    {
        if (page < 1) return null;
        var dir = Directory.CreateTempSubdirectory("nianbao-page-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            var output = Path.Combine(dir.FullName, "page");
            File.WriteAllBytes(input, pdf);
            var p = page.ToString(CultureInfo.InvariantCulture);
            var info = ExternalTool.Run(["pdfinfo"], "poppler-utils", ["-f", p, "-l", p, input], Timeout);
            if (info.ExitCode != 0 || Size(info.StdOut, page) is not var (width, height)) return null;
            var longer = Math.Max(width, height);
            var shorter = Math.Min(width, height);
            if (longer > MaxPoints || shorter < 1 || longer / shorter > MaxAspect)
                throw new PageSizeException($"第 {page} 页的尺寸异常（{width.ToString("0", CultureInfo.InvariantCulture)} × {height.ToString("0", CultureInfo.InvariantCulture)} pt），不予绘制");
            var pixels = longer * Dpi / 72;
            var scaled = pixels > maxPixels;
            string[] resolution = scaled
                ? ["-scale-to", maxPixels.ToString(CultureInfo.InvariantCulture)]
                : ["-r", Dpi.ToString(CultureInfo.InvariantCulture)];
            var result = ExternalTool.Run(["pdftoppm"], "poppler-utils", [.. resolution, "-f", p, "-l", p, "-png", "-singlefile", input, output], Timeout);
            var png = output + ".png";
            if (result.ExitCode != 0 || !File.Exists(png)) return null;
            return new PageImage(File.ReadAllBytes(png), scaled ? maxPixels * 72.0 / longer : Dpi);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The page's size in points from pdfinfo's <c>Page    3 size: 595.276 x 841.89 pts (A4)</c>; null when the page is not there.</summary>
    private static (double Width, double Height)? Size(string pdfinfo, int page)
    {
        foreach (Match m in SizeLine().Matches(pdfinfo))
            if (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) == page)
                return (double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        return null;
    }

    [GeneratedRegex(@"^Page\s+(\d+)\s+size:\s+([0-9.]+)\s+x\s+([0-9.]+)\s+pts", RegexOptions.Multiline)]
    private static partial Regex SizeLine();
}
