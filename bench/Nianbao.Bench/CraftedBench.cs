using System.Diagnostics;
using System.Runtime.InteropServices;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Reading;

/// <summary>
/// Crafted files against real reports of their kind (issue 13 item 5: a crafted file costs no more than a real
/// report of its kind). Each file is read in a fresh process (<c>crafted-one NAME</c>), so its peak memory is its own:
/// this process's peak working set, and the largest external tool it ran (pdftoppm, tesseract), from getrusage.
/// Usage: <c>dotnet run -c Release --project bench/Nianbao.Bench -- crafted [NAME…]</c> (run from the repository root).
/// </summary>
internal static class CraftedBench
{
    private static readonly (string Name, Func<byte[]> Bytes)[] Files =
    [
        ("real html (pingtan-2023.page.html)", () => Real("RealForms/raw/pingtan-2023.page.html")),
        ("html 100,000 nested div", () => CraftedFiles.DeepHtml(100_000)),
        ("html 512 nested div (deepest accepted)", () => CraftedFiles.DeepHtml(MarkupShape.MaxDepth)),
        ("html 49,990 elements (most accepted)", () => CraftedFiles.WideHtml(MarkupShape.MaxElements - 10)),
        ("real markdown (shanghai-kewei-2024.md)", () => Real("RealForms/raw/shanghai-kewei-2024.md")),
        ("markdown 100,000 nested quotes", () => CraftedFiles.DeepMarkdown(100_000)),
        ("markdown list 100,000 deep on one line", () => CraftedFiles.DeepListMarkdown(100_000)),
        ("markdown 20,000 unmatched openers", () => CraftedFiles.OpenersMarkdown(20_000)),
        ("real docx (shuyang-fgj-2023.docx)", () => Real("RealForms/raw/shuyang-fgj-2023.docx")),
        ("docx, 1,000,000 paragraphs (45 MB of XML)", () => CraftedFiles.BigDocx(1_000_000)),
        ("docx, 330,000 paragraphs (15 MB of XML, largest accepted)", () => CraftedFiles.BigDocx(330_000)),
        ("real pdf (shuyang-fgj-2023.print.pdf)", () => Real("RealForms/raw/shuyang-fgj-2023.print.pdf")),
        ("pdf 500 pages", () => CraftedFiles.ImagePdf(595, 500)),
        ("real scan (shuyang-fgj-2023.scan200.pdf)", () => Real("RealScans/shuyang-fgj-2023.scan200.pdf")),
        ("image pdf, one 7,000 pt page", () => CraftedFiles.ImagePdf(7000)),
        ("image pdf, one 14,400 pt page", () => CraftedFiles.ImagePdf(14_400)),
        ("png 14,000²", () => CraftedFiles.BigPng(14_000, 14_000)),
        ("png 4,961×7,016 (A4 at 600 dpi)", () => CraftedFiles.BigPng(4961, 7016)),
        ("random bytes, 11 signatures", () => []),
    ];

    private static byte[] Real(string path) => File.ReadAllBytes(Path.Combine("tests", "Nianbao.Tests", path));

    public static void Run(string[] args)
    {
        var self = Environment.ProcessPath!;
        Console.WriteLine("| file | bytes | result | time | peak RSS (.NET) | peak RSS (largest tool) |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|");
        foreach (var (name, _) in Files.Where(f => args.Length == 0 || args.Any(a => f.Name.Contains(a, StringComparison.Ordinal))))
        {
            var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
            if (self.EndsWith("dotnet", StringComparison.Ordinal)) psi.ArgumentList.Add(typeof(CraftedBench).Assembly.Location);
            psi.ArgumentList.Add("crafted-one");
            psi.ArgumentList.Add(name);
            using var p = Process.Start(psi)!;
            Console.WriteLine(p.StandardOutput.ReadToEnd().TrimEnd());
            p.WaitForExit();
        }
    }

    public static void One(string name)
    {
        var (_, make) = Files.Single(f => f.Name == name);
        var inputs = name.StartsWith("random", StringComparison.Ordinal) ? CraftedFiles.RandomBytes(13).Select(r => r.Bytes).ToList() : [make()];
        // Warm-up (JIT, the template catalog, regexes): a generated report as text, web page and Word file. Files read
        // without OCR are then read twice and the second time counted; an OCR run is seconds of Tesseract either way.
        foreach (var seed in new[] { 1, 2 })
        {
            var report = ReportGenerator.Generate(seed, seed == 1 ? Nianbao.Template.Edition.E2019 : Nianbao.Template.Edition.E2021, 0.6);
            ReportPipeline.ParseBytes(System.Text.Encoding.UTF8.GetBytes(Layouts.Render(report, Layout.TabGrid, seed)), "warm.txt");
            ReportPipeline.ParseBytes(System.Text.Encoding.UTF8.GetBytes(PublishedFormats.Html(report, seed)), "warm.html");
            ReportPipeline.ParseBytes(PublishedFormats.Docx(report, seed), "warm.docx");
        }
        bool ocr = name.Contains("scan", StringComparison.Ordinal) || name.Contains("image", StringComparison.Ordinal) || name.Contains("png", StringComparison.Ordinal);
        if (!ocr) inputs.ForEach(b => ReportPipeline.ParseBytes(b, name));
        var watch = Stopwatch.StartNew();
        var results = inputs.Select(b => ReportPipeline.ParseBytes(b, name)).ToList();
        watch.Stop();
        var result = string.Join(", ", results.GroupBy(r => r.Ok ? "report" : r.Error!.Code).Select(g => g.Count() > 1 ? $"{g.Key} ×{g.Count()}" : g.Key));
        Console.WriteLine($"| {name} | {inputs.Sum(b => (long)b.Length):N0} | {result} | {watch.Elapsed.TotalSeconds:F2} s | " +
                          $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB | {ChildrenPeakKb() / 1024} MB |");
    }

    /// <summary>getrusage(RUSAGE_CHILDREN).ru_maxrss: the largest resident set of any finished child, in KB (Linux).</summary>
    private static long ChildrenPeakKb()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        var usage = new long[18]; // two timevals (4 longs), then ru_maxrss
        return GetRUsage(-1, usage) == 0 ? usage[4] : 0;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, long[] usage);
}
