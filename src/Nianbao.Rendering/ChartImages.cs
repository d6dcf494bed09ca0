using System.Buffers.Binary;

namespace Nianbao.Rendering;

/// <summary>
/// A chart's SVG as PNG for formats that cannot hold SVG (DOCX), through librsvg's <c>rsvg-convert</c> (Debian
/// librsvg2-bin; CJK labels through fontconfig). A missing tool is a clear error naming the package.
/// </summary>
public static class ChartImages
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Rendered at twice the SVG's size, so the picture stays sharp when Word prints it.</summary>
    public const int Zoom = 2;

    public static byte[] Png(string svg)
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-chart-");
        try
        {
            var input = Path.Combine(dir.FullName, "chart.svg");
            var output = Path.Combine(dir.FullName, "chart.png");
            File.WriteAllText(input, svg);
            var result = ExternalTool.Run(["rsvg-convert"], "librsvg2-bin", ["-f", "png", "-z", Zoom.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", output, input], Timeout);
            if (result.ExitCode != 0 || !File.Exists(output))
                throw new ExternalToolException($"rsvg-convert 未能转换图表（退出码 {result.ExitCode}）：{result.StdErr.Trim()}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Width and height in pixels from the PNG header (IHDR is always the first chunk).</summary>
    public static (int Width, int Height) Size(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
}
