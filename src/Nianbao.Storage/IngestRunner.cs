using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using Dapper;
using Nianbao.Pipeline;

namespace Nianbao.Storage;

/// <summary>
/// Batch ingest: files are hashed and parsed on every core, and writers (one for SQLite, a few for PostgreSQL)
/// store them one transaction per file; cross-year findings are then refreshed for the agencies touched. Bytes
/// already in the store are skipped before parsing, so a rerun after an interruption only does the rest.
/// </summary>
public sealed class IngestRunner(ReportStore store)
{
    private sealed record Parsed(ParsedFile File, string Sha256, long Size, EncodedVersion? Encoded, byte[]? TextGz, byte[]? Original);

    /// <summary>Concurrent writer connections for PostgreSQL (measured: see docs/benchmarks.md).</summary>
    public const int PostgresWriters = 3;

    /// <param name="progress">Called once per file, in completion order, never concurrently.</param>
    /// <param name="writers">Writer connections for PostgreSQL (default <see cref="PostgresWriters"/>); SQLite always has one.</param>
    /// <param name="sourceName">The name a file is recorded under (default: its path), e.g. an uploaded file's own name.</param>
    /// <param name="fileBudget">Time one file may take to read (default <see cref="ReportPipeline.DefaultFileBudget"/>); past it that file fails with <c>timeout</c>.</param>
    public IReadOnlyList<IngestResult> Run(IReadOnlyList<string> files, int? parallelism = null,
        Action<IngestResult>? progress = null, CancellationToken cancel = default, int? writers = null,
        Func<string, string>? sourceName = null, TimeSpan? fileBudget = null)
    {
        var pauseAfter = PauseAfter();
        CrossYearFindings.Refresh(store, parallelism); // what a killed earlier run left marked
        var known = LoadKnownHashes();
        var results = new List<IngestResult>(files.Count);
        // SQLite has one writer at a time anyway; PostgreSQL takes several (agencies are locked one by one, not the table).
        var writerCount = store.Location.Kind == DatabaseKind.Postgres ? writers ?? PostgresWriters : 1;
        var channel = Channel.CreateBounded<object>(new BoundedChannelOptions(256) { SingleReader = writerCount == 1 });
        var producer = Task.Run(() =>
        {
            try
            {
                Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount, CancellationToken = cancel },
                    path => channel.Writer.WriteAsync(Prepare(path, sourceName?.Invoke(path) ?? path, known, fileBudget), cancel).AsTask().GetAwaiter().GetResult());
            }
            finally { channel.Writer.Complete(); }
        }, cancel);

        var gate = new object();
        var consumers = Enumerable.Range(0, writerCount).Select(_ => Task.Run(() =>
        {
            using var writer = new IngestWriter(store);
            foreach (var item in channel.Reader.ReadAllAsync(cancel).ToBlockingEnumerable(cancel))
            {
                var result = item switch
                {
                    IngestResult done => done,
                    Parsed p => WriteOne(writer, p),
                    _ => throw new InvalidOperationException(),
                };
                lock (gate)
                {
                    results.Add(result with { File = null });
                    progress?.Invoke(result);
                    if (results.Count == pauseAfter) Pause();
                }
            }
        }, cancel)).ToArray();
        Task.WaitAll(consumers, cancel);
        producer.GetAwaiter().GetResult();
        CrossYearFindings.Refresh(store, parallelism);
        return results;
    }

    /// <summary>
    /// For the kill test (tests/Store/IngestProcessTests): with <c>NIANBAO_TEST_INGEST_PAUSE_AFTER=N</c> the run says
    /// so on standard error after N files are written and waits for ever, holding the writers' lock, so the test kills
    /// a run that is provably unfinished instead of racing it. Unset, nothing happens.
    /// </summary>
    private static int PauseAfter() =>
        int.TryParse(Environment.GetEnvironmentVariable("NIANBAO_TEST_INGEST_PAUSE_AFTER"), out var n) && n > 0 ? n : -1;

    public const string PausedSignal = "NIANBAO_TEST_INGEST_PAUSED";

    private static void Pause()
    {
        Console.Error.WriteLine(PausedSignal);
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }

    private static object Prepare(string path, string name, ConcurrentDictionary<string, byte> known, TimeSpan? budget)
    {
        var (bytes, _, message) = InputFiles.Read(path, ReportPipeline.MaxFileBytes);
        if (bytes is null) return new IngestResult(name, IngestOutcome.Failed, message);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // TryAdd also catches the same bytes twice within this batch: only the first is parsed.
        if (!known.TryAdd(sha, 0)) return new IngestResult(name, IngestOutcome.AlreadyKnown);
        var file = ReportPipeline.ParseBytes(bytes, name, budget);
        // Encoding the cells here keeps that work on the parsing threads, off the single writer.
        return new Parsed(file, sha, bytes.Length, file.Report is { } r ? Versions.Encode(r) : null, SourceTexts.Compress(file.Layout),
            SourceTexts.KeepsOriginal(file.Format) && file.Report is not null ? bytes : null);
    }

    private static IngestResult WriteOne(IngestWriter writer, Parsed p)
    {
        try
        {
            return writer.Write(p.File, p.Sha256, p.Size, p.Encoded, p.TextGz, p.Original) with { File = p.File };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Rolled back; the file is reported and the batch goes on.
            return new IngestResult(p.File.Source, IngestOutcome.Failed, $"写入数据库失败（{e.GetType().Name}）：{e.Message}");
        }
    }

    /// <summary>Sources already stored; those an earlier version left 'unidentified' (report not stored) are read again.</summary>
    private ConcurrentDictionary<string, byte> LoadKnownHashes()
    {
        using var c = store.Connect();
        return new ConcurrentDictionary<string, byte>(c.Query<string>("SELECT sha256 FROM sources WHERE outcome <> 'unidentified'").Select(h => KeyValuePair.Create(h, (byte)0)));
    }
}
