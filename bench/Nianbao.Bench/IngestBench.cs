using Nianbao.Summary;
using System.Diagnostics;
using Nianbao.Export;
using Nianbao.Fixtures;
using Nianbao.Storage;
using Nianbao.Template;

/// <summary>
/// Store throughput (issue 4): ingest N generated report files into SQLite or PostgreSQL, sampling the
/// process's peak memory, then time export and summary on the result.
///   dotnet run -c Release --project bench/Nianbao.Bench -- ingest sqlite|postgres [reports=100000] [dir]
/// PostgreSQL comes from the PG* variables (run under pg_virtualenv).
/// </summary>
internal static class IngestBench
{
    public static void Run(string[] args)
    {
        var backend = args.Length > 0 ? args[0] : "sqlite";
        var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        // INGEST_OFFSET shifts the agencies' numbers, so a second process ingests other files into the same database;
        // INGEST_ONLY=1 stops after the ingest (no summary, no exports).
        var offset = int.TryParse(Environment.GetEnvironmentVariable("INGEST_OFFSET"), out var o) ? o : 0;
        var dir = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), offset == 0 ? $"nianbao-bench-{count}" : $"nianbao-bench-{count}-{offset}");
        WriteFiles(dir, count, offset);

        var location = backend == "postgres"
            ? StoreLocation.Parse(StoreLocation.FromPgEnvironment().ConnectionString + (Environment.GetEnvironmentVariable("PG_EXTRA") ?? ""))
            : StoreLocation.Parse(Path.Combine(Path.GetTempPath(), $"nianbao-bench-{Guid.NewGuid():N}.db"));
        var store = ReportStore.Open(location);
        var files = Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToList();
        Console.WriteLine($"Ingesting {files.Count:N0} files into {location.Display} ({Environment.ProcessorCount} cores)…");

        long peak = 0;
        using var sampler = new Timer(_ =>
        {
            var ws = Environment.WorkingSet;
            if (ws > peak) peak = ws;
        }, null, 0, 100);
        var clock = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var done = 0;
        var cpuAtLastWrite = TimeSpan.Zero;
        var marks = new List<(int Done, double Seconds, long Memory)>();
        double lastWrite = 0;
        var writers = int.TryParse(Environment.GetEnvironmentVariable("PG_WRITERS"), out var w) ? w : (int?)null;
        new IngestRunner(store).Run(files, writers: writers, progress: _ =>
        {
            if (++done % (files.Count / 10) == 0) marks.Add((done, clock.Elapsed.TotalSeconds, Environment.WorkingSet));
            lastWrite = clock.Elapsed.TotalSeconds;
            cpuAtLastWrite = Process.GetCurrentProcess().TotalProcessorTime;
        });
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine($"  ingest: {files.Count / elapsed:N0} reports/s ({elapsed:N1} s), peak working set {peak / 1048576.0:N0} MB, this process's CPU {cpu:N1} s ({files.Count / cpu:N0} reports per CPU-second)");
        var cpuEnd = Process.GetCurrentProcess().TotalProcessorTime;
        // After the last file only the refresh runs in this process: its CPU is the refresh's own (the server's excluded).
        Console.WriteLine($"    files written in {lastWrite:N1} s ({files.Count / lastWrite:N0} reports/s), cross-year refresh {elapsed - lastWrite:N1} s, refresh CPU {(cpuEnd - cpuAtLastWrite).TotalSeconds:N1} s");
        double last = 0; int lastDone = 0;
        foreach (var m in marks)
        {
            Console.WriteLine($"    at {m.Done,7:N0}: {(m.Done - lastDone) / (m.Seconds - last),6:N0} reports/s in this tenth, working set {m.Memory / 1048576.0:N0} MB");
            (last, lastDone) = (m.Seconds, m.Done);
        }
        if (Environment.GetEnvironmentVariable("INGEST_ONLY") == "1") return;

        clock.Restart();
        var summary = store.Compute("测试市", 2023);
        Console.WriteLine($"  summary 测试市 2023 ({summary.Included.Count:N0} reports summed): {clock.Elapsed.TotalSeconds:N2} s");
        var xlsx = Path.Combine(Path.GetTempPath(), "nianbao-bench.xlsx");
        clock.Restart();
        int exported;
        using (var stream = File.Create(xlsx)) exported = XlsxExport.Write(store.Stream(new ReportFilter()), stream);
        Console.WriteLine($"  export xlsx ({exported:N0} reports, {new FileInfo(xlsx).Length / 1048576.0:N0} MB): {clock.Elapsed.TotalSeconds:N1} s, peak working set {peak / 1048576.0:N0} MB");
        clock.Restart();
        using (var stream = File.Create(Path.ChangeExtension(xlsx, ".csv"))) exported = CsvExport.WriteCells(store.Stream(new ReportFilter(Year: 2023)), stream);
        Console.WriteLine($"  export csv of 2023 ({exported:N0} reports): {clock.Elapsed.TotalSeconds:N1} s");
    }

    /// <summary>Agencies 测试市第N服务中心 with five consecutive years each (2019–2023, both editions), written once and reused.</summary>
    private static void WriteFiles(string dir, int count, int offset)
    {
        if (Directory.Exists(dir) && Directory.GetFiles(dir).Length == count) return;
        Directory.CreateDirectory(dir);
        Console.WriteLine($"Writing {count:N0} report files to {dir}…");
        Parallel.For(0, count / 5 + 1, agency =>
        {
            var series = ReportSeries.Continuous(offset + agency + 1, $"测试市第{offset + agency}服务中心", 2019, 5, sparse: 0.8);
            for (var y = 0; y < 5 && agency * 5 + y < count; y++)
                File.WriteAllText(Path.Combine(dir, $"{agency * 5 + y:D7}.txt"), Layouts.Render(series[y], Layout.TabGrid, agency * 5 + y));
        });
    }
}

/// <summary>
/// The writer alone (issue 12): N files parsed into memory first, then written into fresh SQLite databases one
/// transaction per file (as before grouping) and in groups of <see cref="IngestRunner.MaxGroup"/>, alternately,
/// on this thread; its CPU time is the writer's cost, whatever else the machine is doing.
///   dotnet bench/Nianbao.Bench/bin/Release/net10.0/Nianbao.Bench.dll ingest-write sqlite|postgres [files=2000] [dir] [rounds=2]
/// </summary>
internal static class IngestWriteBench
{
    public static void Run(string[] args)
    {
        var backend = args.Length > 0 ? args[0] : "sqlite";
        var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        var dir = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"nianbao-bench-{count}");
        var rounds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2;
        var files = Directory.GetFiles(dir).Order(StringComparer.Ordinal).Take(count).ToList();
        Console.WriteLine($"Parsing {files.Count:N0} files of {dir} into memory…");
        var prepared = files.AsParallel().AsOrdered().Select(f => IngestRunner.Prepare(f, f, new System.Collections.Concurrent.ConcurrentDictionary<string, byte>())).ToList();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var group in new[] { 1, IngestRunner.MaxGroup })
            {
                var location = backend == "postgres"
                    ? PgSchema()
                    : StoreLocation.Parse(Path.Combine(Path.GetTempPath(), $"nianbao-bench-{Guid.NewGuid():N}.db"));
                var store = ReportStore.Open(location);
                using var writer = new IngestWriter(store);
                // PostgreSQL: the server process serving the writer's connection (same machine) has a CPU time too.
                var serverPid = backend == "postgres" ? ServerPid(writer) : null;
                var server0 = serverPid is { } pid0 ? ProcessCpu(pid0) : TimeSpan.Zero;
                GC.Collect();
                var cpu0 = ThreadCpu();
                var clock = Stopwatch.StartNew();
                var stored = 0;
                foreach (var chunk in prepared.Chunk(group))
                    stored += IngestRunner.WriteGroup(writer, chunk.ToList()).Count(r => r.Outcome == IngestOutcome.Stored);
                var wall = clock.Elapsed.TotalSeconds;
                var cpu = (ThreadCpu() - cpu0).TotalSeconds;
                var server = serverPid is { } pid ? $", its server process CPU {(ProcessCpu(pid) - server0).TotalSeconds * 1000 / files.Count:N3} ms per file" : "";
                Console.WriteLine($"  round {round + 1}, {group,2} file(s) per transaction: {stored:N0} stored, writer thread CPU {cpu:N2} s = {cpu * 1000 / files.Count:N3} ms per file ({files.Count / cpu:N0} files per CPU-second){server}; wall {wall:N1} s");
                if (group == 1) continue;
                // The cross-year refresh of what was written, on one core: only it runs in this process meanwhile.
                var process0 = Process.GetCurrentProcess().TotalProcessorTime;
                clock.Restart();
                var agencies = CrossYearFindings.Refresh(store, 1);
                var refreshCpu = (Process.GetCurrentProcess().TotalProcessorTime - process0).TotalSeconds;
                Console.WriteLine($"  round {round + 1}, cross-year refresh of {agencies:N0} agencies: process CPU {refreshCpu:N2} s = {refreshCpu * 1000 / files.Count:N3} ms per file; wall {clock.Elapsed.TotalSeconds:N1} s");
            }
        }
    }

    private static TimeSpan ThreadCpu() => StatCpu("/proc/thread-self/stat");

    private static int? ServerPid(IngestWriter writer)
    {
        using var cmd = writer.Connection.CreateCommand();
        cmd.CommandText = "SELECT pg_backend_pid()";
        return (int)cmd.ExecuteScalar()!;
    }

    private static TimeSpan ProcessCpu(int pid) => StatCpu($"/proc/{pid}/stat");

    private static TimeSpan StatCpu(string path)
    {
        // User + system time (Linux: fields 14 and 15 of stat, in clock ticks).
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static StoreLocation PgSchema()
    {
        var schema = "b_" + Guid.NewGuid().ToString("N");
        using (var c = new Npgsql.NpgsqlConnection(StoreLocation.FromPgEnvironment().ConnectionString))
        {
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            cmd.ExecuteNonQuery();
        }
        return StoreLocation.FromPgEnvironment(searchPath: schema);
    }
}
