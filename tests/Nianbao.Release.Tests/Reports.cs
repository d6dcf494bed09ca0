using System.Text;
using System.Text.Json;

namespace Nianbao.Release.Tests;

/// <summary>
/// The input every build parses — the five samples and a real PDF as published (WPS, 淮安市人民政府 2024), in a
/// folder whose path has spaces and Chinese characters — and the truth their output must equal.
/// </summary>
public static class Reports
{
    public const string Folder = "年报 样本";
    private const string Pdf = "huaian-2024.wps.pdf";
    public const string PdfName = "淮安 2024 年报.pdf";

    private static string Samples => Path.Combine(Release.Root, "samples");
    private static string RealForms => Path.Combine(Release.Root, "tests", "Nianbao.Tests", "RealForms");

    /// <summary>A fresh working folder holding <see cref="Folder"/> with the six files.</summary>
    public static string CreateWorkingFolder()
    {
        var work = Path.Combine(Scratch.Folder("数据 目录"), "工作 文件夹");
        var folder = Directory.CreateDirectory(Path.Combine(work, Folder)).FullName;
        foreach (var sample in Directory.GetFiles(Samples, "*.txt"))
            File.Copy(sample, Path.Combine(folder, Path.GetFileName(sample)));
        File.Copy(Path.Combine(RealForms, "raw", Pdf), Path.Combine(folder, PdfName));
        return work;
    }

    /// <summary>The JSON Lines of <c>parse --json</c>, one string per object (a CR before the LF tolerated, not kept).</summary>
    public static List<string> Lines(byte[] output) =>
        Encoding.UTF8.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>Every file read, in folder order, with agency, year, edition, date and every cell equal to its truth file.</summary>
    public static void AssertTruth(byte[] output)
    {
        Assert.False(output.Length >= 3 && output[0] == 0xEF && output[1] == 0xBB, "UTF-8 without BOM expected");
        var lines = Lines(output);
        var samples = Directory.GetFiles(Samples, "*.txt").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(samples.Count + 1, lines.Count);
        var seen = new List<string>();
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.False(root.TryGetProperty("error", out var error), $"{root.GetProperty("source")}: {error}");
            var name = Path.GetFileName(root.GetProperty("source").GetString()!.Replace('\\', '/'));
            seen.Add(name);
            var truthPath = name == PdfName
                ? Path.Combine(RealForms, "truth", Path.GetFileNameWithoutExtension(Pdf) + ".json")
                : Path.Combine(Release.Root, "tests", "Nianbao.Tests", "Truth", Path.GetFileNameWithoutExtension(name) + ".json");
            using var truthDoc = JsonDocument.Parse(File.ReadAllText(truthPath));
            var truth = truthDoc.RootElement;
            foreach (var field in new[] { "agency", "year", "edition", "published" })
                Assert.True(truth.GetProperty(field).ToString() == root.GetProperty(field).ToString(),
                    $"{name} {field}: {root.GetProperty(field)} ≠ truth {truth.GetProperty(field)}");
            var cells = root.GetProperty("cells");
            var expected = truth.GetProperty("cells").EnumerateObject().ToList();
            Assert.True(expected.Count >= 198, $"{name}: truth has {expected.Count} cells");
            Assert.Equal(expected.Count, cells.EnumerateObject().Count());
            foreach (var cell in expected)
            {
                var value = cells.GetProperty(cell.Name);
                Assert.True(value.ValueKind == JsonValueKind.Number && value.GetDecimal() == cell.Value.GetDecimal(),
                    $"{name} {cell.Name}: {value} ≠ truth {cell.Value}");
            }
        }
        Assert.Equal([.. samples, PdfName], seen);
    }
}
