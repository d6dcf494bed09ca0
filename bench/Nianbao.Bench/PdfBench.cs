using Nianbao.Tools;
using System.Diagnostics;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Reading;
using Nianbao.Rendering;
using Nianbao.Template;

/// <summary>
/// PDF reading time against poppler alone, in one run on the same files (issue 3: Nianbao's whole parse ≤ 1.3× of
/// running pdftotext). Reports are generated, rendered to HTML and printed by Chromium once (kept in a folder
/// between runs), then each file is read by <c>pdftotext -layout</c> alone and by Nianbao's whole pipeline.
/// </summary>
internal static class PdfBench
{
    public static void Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 40;
        var folder = Path.Combine(Path.GetTempPath(), "nianbao-bench-pdf");
        Directory.CreateDirectory(folder);
        var files = Enumerable.Range(0, count).Select(i => Path.Combine(folder, $"r{i:D4}.pdf")).ToList();
        var printing = Stopwatch.StartNew();
        Parallel.ForEach(files.Where(f => !File.Exists(f)), new ParallelOptions { MaxDegreeOfParallelism = 2 }, f =>
        {
            var i = int.Parse(Path.GetFileNameWithoutExtension(f)[1..], System.Globalization.CultureInfo.InvariantCulture);
            var report = ReportGenerator.Generate(i, i % 2 == 0 ? Edition.E2019 : Edition.E2021, 0.6);
            File.WriteAllBytes(f, PdfRenderer.Render(HtmlRenderer.Render(report.ToReport())));
        });
        Console.WriteLine($"{count} PDFs in {folder} (printed in {printing.Elapsed.TotalSeconds:F0} s where missing), {files.Sum(f => new FileInfo(f).Length) / count / 1024} KB each");
        var bytes = files.Select(File.ReadAllBytes).ToList();
        ReportPipeline.ParseBytes(bytes[0], "warm");

        foreach (var threads in new[] { 1, 2 })
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
            var alone = Stopwatch.StartNew();
            Parallel.ForEach(files, options, f => ExternalTool.Run(["pdftotext"], "poppler-utils", ["-layout", "-enc", "UTF-8", f, "-"], TimeSpan.FromSeconds(60)));
            alone.Stop();
            var bbox = Stopwatch.StartNew();
            Parallel.ForEach(files, options, f => ExternalTool.Run(["pdftotext"], "poppler-utils", ["-bbox-layout", f, "-"], TimeSpan.FromSeconds(60)));
            bbox.Stop();
            int exact = 0, unknown = 0;
            var whole = Stopwatch.StartNew();
            Parallel.For(0, files.Count, options, i =>
            {
                var r = ReportPipeline.ParseBytes(bytes[i], files[i]).Report;
                Interlocked.Add(ref unknown, r?.Cells.Values.Count(c => c.Value is null) ?? 1000);
                Interlocked.Add(ref exact, r?.Cells.Values.Count(c => c.Value is not null) ?? 0);
            });
            whole.Stop();
            Console.WriteLine($"{threads} thread(s): pdftotext -layout alone {Ms(alone, count)} ms/file, pdftotext -bbox-layout alone {Ms(bbox, count)} ms/file, " +
                              $"Nianbao whole parse {Ms(whole, count)} ms/file ({whole.Elapsed / alone.Elapsed:F2}× -layout, {whole.Elapsed / bbox.Elapsed:F2}× -bbox-layout), " +
                              $"{count / whole.Elapsed.TotalSeconds:F1} reports/s; cells known {exact}, unknown {unknown}");
        }
    }

    private static string Ms(Stopwatch sw, int count) => (sw.Elapsed.TotalMilliseconds / count).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
}
