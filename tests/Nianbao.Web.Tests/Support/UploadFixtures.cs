using System.IO.Compression;
using System.Text;
using Nianbao.Fixtures;
using Nianbao.Rendering;
using Nianbao.Template;

namespace Nianbao.Web.Tests.Support;

/// <summary>
/// A batch of mixed formats as an office receives it, made by the project's own generator and renderers: the five
/// sample text reports, a web page with one misprinted cell, a Word document, a zip with a Markdown report and a
/// text report in a folder, and junk named <c>.pdf</c>.
/// </summary>
public sealed class UploadFixtures
{
    public required string Folder { get; init; }
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The misprinted report: its agency, the cell printed wrong, and the value the report should have.</summary>
    public required GeneratedReport Misprinted { get; init; }
    public required string MisprintedKey { get; init; }
    public decimal TrueValue => Misprinted.Cells[MisprintedKey];

    /// <summary>How many reports the batch holds when every readable file is stored (zip opened, junk refused).</summary>
    public int ExpectedReports => Files.Count - 1 - 1 + 2;

    public const string MisprintedKeyDefault = "t3.new_received.natural_person";

    public static UploadFixtures Create()
    {
        var folder = Directory.CreateTempSubdirectory("nianbao-upload-fixtures-").FullName;
        var files = new List<string>();
        var samples = Path.Combine(AppContext.BaseDirectory, "Samples");
        foreach (var sample in Directory.GetFiles(samples, "*.txt").Order())
        {
            var target = Path.Combine(folder, Path.GetFileName(sample));
            File.Copy(sample, target);
            files.Add(target);
        }

        // One leaf printed one higher than its total allows: the row's sum rule fails until a reviewer corrects it.
        var misprinted = ReportGenerator.Generate(4242, Edition.E2021, sparse: 0.3);
        var wrong = new Dictionary<string, decimal> { [MisprintedKeyDefault] = misprinted.Cells[MisprintedKeyDefault] + 1 };
        files.Add(Write(folder, "misprinted.html", Encoding.UTF8.GetBytes(HtmlRenderer.Render(misprinted.ToReport(wrong)))));

        var docx = ReportGenerator.Generate(77, Edition.E2019, sparse: 0.5);
        files.Add(Write(folder, "word-report.docx", DocxRenderer.Render(docx.ToReport())));

        files.Add(Write(folder, "scan.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n").Concat(Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))).ToArray()));

        var zipPath = Path.Combine(folder, "batch.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            var md = ReportGenerator.Generate(91, Edition.E2021, sparse: 0.5);
            using (var s = zip.CreateEntry("2024/markdown-report.md").Open()) s.Write(Encoding.UTF8.GetBytes(MarkdownRenderer.Render(md.ToReport())));
            var text = ReportGenerator.Generate(92, Edition.E2021, sparse: 0.5);
            using (var s = zip.CreateEntry("2024/html-report.html").Open()) s.Write(Encoding.UTF8.GetBytes(HtmlRenderer.Render(text.ToReport())));
        }
        files.Add(zipPath);
        return new UploadFixtures { Folder = folder, Files = files, Misprinted = misprinted, MisprintedKey = MisprintedKeyDefault };
    }

    private static string Write(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
