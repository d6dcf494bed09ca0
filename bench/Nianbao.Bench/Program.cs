using System.Diagnostics;
using System.Text;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Template;

// Throughput harness for parse + validate (issue 2: ≥ 5,000 reports/s per core, flat memory).
// Usage (see docs/benchmarks.md):
//   dotnet run -c Release --project bench/Nianbao.Bench -- [reports=10000] [layout=all|TabGrid|PdfReadingOrder|Scrambled|Collapsed] [sparse=0.9]
//   dotnet run -c Release --project bench/Nianbao.Bench -- corpus DIR [reports=10000]   (real files, replayed round-robin)
//   dotnet run -c Release --project bench/Nianbao.Bench -- html|docx [reports=10000]   (generated web pages / Word files)
//   dotnet run -c Release --project bench/Nianbao.Bench -- write html|docx|docx-numbered DIR [reports=200]   (the same files on disk, for whole-process runs and before/after output comparison)
//   dotnet run -c Release --project bench/Nianbao.Bench -- ingest sqlite|postgres [reports=100000]   (store, IngestBench.cs)
//   dotnet run -c Release --project bench/Nianbao.Bench -- ingest-write sqlite|postgres [files=2000] [dir]   (the writer alone, per file vs grouped)
//   dotnet run -c Release --project bench/Nianbao.Bench -- pdf [reports=40]   (Chromium-printed PDFs vs pdftotext alone, PdfBench.cs)
//   dotnet run -c Release --project bench/Nianbao.Bench -- crafted [NAME…]   (crafted files vs real ones, one process each, CraftedBench.cs)
if (args is ["crafted", ..])
{
    CraftedBench.Run(args[1..]);
    return;
}
if (args is ["crafted-one", var craftedName])
{
    CraftedBench.One(craftedName);
    return;
}
if (args is ["pdf", ..])
{
    PdfBench.Run(args[1..]);
    return;
}
if (args is ["ingest-write", ..])
{
    IngestWriteBench.Run(args[1..]);
    return;
}
if (args is ["write", "html" or "docx" or "docx-numbered", var writeDir, ..])
{
    int n = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 200;
    Directory.CreateDirectory(writeDir);
    for (int i = 0; i < n; i++)
    {
        var report = ReportGenerator.Generate(i, i % 2 == 0 ? Edition.E2019 : Edition.E2021, 0.9);
        var path = Path.Combine(writeDir, $"{i:D5}.{(args[1] == "html" ? "html" : "docx")}");
        if (args[1] == "html") File.WriteAllText(path, PublishedFormats.Html(report, i));
        else File.WriteAllBytes(path, PublishedFormats.Docx(report, i, listNumbering: args[1] == "docx-numbered"));
    }
    Console.WriteLine($"Wrote {n:N0} {args[1]} files to {writeDir}");
    return;
}
if (args is ["ingest", ..])
{
    IngestBench.Run(args[1..]);
    return;
}

byte[][] inputs;
int count;
if (args.Length > 0 && args[0] == "corpus")
{
    var files = Directory.GetFiles(args[1], "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
    count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    var data = files.Select(File.ReadAllBytes).ToArray();
    inputs = Enumerable.Range(0, count).Select(i => data[i % data.Length]).ToArray();
    Console.WriteLine($"Replaying {files.Length} real reports from {args[1]} as {count:N0} inputs…");
}
else if (args.Length > 0 && args[0] is "html" or "docx")
{
    count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    Console.WriteLine($"Generating {count:N0} {args[0]} reports (both editions; zero share 0.9)…");
    inputs = Enumerable.Range(0, count).Select(i =>
    {
        var report = ReportGenerator.Generate(i, i % 2 == 0 ? Edition.E2019 : Edition.E2021, 0.9);
        return args[0] == "html" ? Encoding.UTF8.GetBytes(PublishedFormats.Html(report, i)) : PublishedFormats.Docx(report, i);
    }).ToArray();
}
else
{
    count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    var only = args.Length > 1 && args[1] != "all" ? Enum.Parse<Layout>(args[1]) : (Layout?)null;
    double sparse = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0.9;
    var layouts = only is { } l ? [l] : Enum.GetValues<Layout>();
    Console.WriteLine($"Generating {count:N0} reports ({string.Join(", ", layouts)}; both editions; zero share {sparse})…");
    inputs = new byte[count][];
    for (int i = 0; i < count; i++)
    {
        var edition = i % 2 == 0 ? Edition.E2019 : Edition.E2021;
        var layout = layouts[i / 2 % layouts.Length];
        var report = ReportGenerator.Generate(i, edition, layout == Layout.Scrambled ? Math.Max(sparse, 0.97) : sparse);
        inputs[i] = Encoding.UTF8.GetBytes(Layouts.Render(report, layout, i));
    }
}
long bytes = inputs.Sum(b => (long)b.Length);
Console.WriteLine($"  {bytes / 1024.0 / 1024.0:F1} MB of text, {bytes / count / 1024.0:F1} KB per report");

// Warm-up: JIT, catalog load, regex construction.
for (int i = 0; i < Math.Min(3000, count); i++) ReportPipeline.ParseBytes(inputs[i], "warm");

foreach (var threads in new[] { 1, Environment.ProcessorCount })
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var process = Process.GetCurrentProcess();
    process.Refresh();
    long before = process.WorkingSet64;
    var checkpoints = new long[4];
    int done = 0, failed = 0, nullCells = 0;
    // CPU time too: on a shared machine the wall clock measures the neighbours as well.
    var cpuBefore = process.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
    {
        var r = ReportPipeline.ParseBytes(inputs[i], "bench");
        if (r.Report is null) Interlocked.Increment(ref failed);
        else Interlocked.Add(ref nullCells, r.Report.Cells.Values.Count(c => c.Value is null));
        int n = Interlocked.Increment(ref done);
        if (n % (count / 4) == 0 && n / (count / 4) - 1 < 4) checkpoints[n / (count / 4) - 1] = GC.GetTotalMemory(false);
    });
    sw.Stop();
    process.Refresh();
    double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
    double rate = count / sw.Elapsed.TotalSeconds;
    Console.WriteLine($"threads={threads}: {count:N0} reports in {sw.Elapsed.TotalSeconds:F2} s = {rate:N0} reports/s ({rate / threads:N0} per thread); " +
                      $"failed {failed}, null cells {nullCells}; CPU {cpu:F2} s = {count / cpu:N0} reports per CPU-second");
    Console.WriteLine($"  managed heap at 25/50/75/100%: {string.Join(" / ", checkpoints.Select(c => $"{c / 1024 / 1024} MB"))}; " +
                      $"working set {before / 1024 / 1024} → {process.WorkingSet64 / 1024 / 1024} MB, peak {process.PeakWorkingSet64 / 1024 / 1024} MB; " +
                      $"GC gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
}
