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
    private sealed record Parsed(ParsedFile File, string Sha256, long Size, EncodedVersion? Encoded, byte[]? TextGz, byte[]? Original, string DiskPath);

    private sealed record Skipped(IngestResult Result, string DiskPath);

    /// <summary>Where the batch comes from: <see cref="Batches.Cli"/> or <see cref="Batches.Web"/>.</summary>
    public string Origin { get; init; } = Batches.Cli;

    /// <summary>Who runs it (the CLI: the system user; the web: the signed-in reviewer).</summary>
    public string User { get; init; } = Environment.UserName;

    /// <summary>The batch whose failed files this run reads again (<see cref="Batches.Retry"/>): failed sources are parsed again.</summary>
    public long? RetryOf { get; init; }

    /// <summary>
    /// Keep the bytes of files that could not be read (uploads, whose temporary files are deleted after the batch), so a
    /// retry can read them again once the cause is fixed.
    /// </summary>
    public bool KeepFailedOriginals { get; init; }

    /// <summary>The batch the last <see cref="Run"/> recorded.</summary>
    public long? BatchId { get; private set; }

    /// <summary>Concurrent writer connections for PostgreSQL (measured: see docs/benchmarks.md).</summary>
    public const int PostgresWriters = 3;

    /// <param name="progress">Called once per file, in completion order, never concurrently.</param>
    /// <param name="writers">Writer connections for PostgreSQL (default <see cref="PostgresWriters"/>); SQLite always has one.</param>
    /// <param name="sourceName">The name a file is recorded under (default: its path), e.g. an uploaded file's own name.</param>
    public IReadOnlyList<IngestResult> Run(IReadOnlyList<string> files, int? parallelism = null,
        Action<IngestResult>? progress = null, CancellationToken cancel = default, int? writers = null,
        Func<string, string>? sourceName = null)
    {
        CrossYearFindings.Refresh(store, parallelism); // what a killed earlier run left marked
        var batchId = Batches.Start(store, Origin, User, RetryOf);
        BatchId = batchId;
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
                    path => channel.Writer.WriteAsync(Prepare(path, sourceName?.Invoke(path) ?? path, known, KeepFailedOriginals), cancel).AsTask().GetAwaiter().GetResult());
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
                    Skipped done => Recorded(writer, batchId, done.Result, done.DiskPath),
                    Parsed p => WriteOne(writer, p, batchId, DiskPath(p.DiskPath)),
                    _ => throw new InvalidOperationException(),
                };
                lock (gate)
                {
                    results.Add(result with { File = null });
                    progress?.Invoke(result);
                }
            }
        }, cancel)).ToArray();
        Task.WaitAll(consumers, cancel);
        producer.GetAwaiter().GetResult();
        CrossYearFindings.Refresh(store, parallelism);
        Batches.Finish(store, batchId);
        return results;
    }

    /// <summary>A CLI batch keeps where each file was read (a retry reads it there again); an upload's temporary path means nothing later.</summary>
    private string? DiskPath(string path) => Origin == Batches.Cli ? Path.GetFullPath(path) : null;

    private IngestResult Recorded(IngestWriter writer, long batchId, IngestResult result, string diskPath)
    {
        writer.Record(batchId, result, DiskPath(diskPath));
        return result;
    }

    private static object Prepare(string path, string name, ConcurrentDictionary<string, byte> known, bool keepFailed)
    {
        var (bytes, _, message) = InputFiles.Read(path, ReportPipeline.MaxFileBytes);
        if (bytes is null) return new Skipped(new IngestResult(name, IngestOutcome.Failed, message), path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // TryAdd also catches the same bytes twice within this batch: only the first is parsed.
        if (!known.TryAdd(sha, 0)) return new Skipped(new IngestResult(name, IngestOutcome.AlreadyKnown), path);
        var file = ReportPipeline.ParseBytes(bytes, name);
        // Encoding the cells here keeps that work on the parsing threads, off the single writer.
        return new Parsed(file, sha, bytes.Length, file.Report is { } r ? Versions.Encode(r) : null, SourceTexts.Compress(file.Layout),
            (Nianbao.Reading.FileFormats.KeepsOriginal(Nianbao.Reading.FileFormats.Parse(file.Format)) && file.Report is not null) || (keepFailed && file.Report is null) ? bytes : null, path);
    }

    private static IngestResult WriteOne(IngestWriter writer, Parsed p, long batchId, string? diskPath)
    {
        try
        {
            return writer.Write(p.File, p.Sha256, p.Size, p.Encoded, p.TextGz, p.Original, batchId, diskPath) with { File = p.File };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Rolled back; the file is reported and the batch goes on.
            var failed = new IngestResult(p.File.Source, IngestOutcome.Failed, $"写入数据库失败（{e.GetType().Name}）：{e.Message}");
            writer.Record(batchId, failed, diskPath);
            return failed;
        }
    }

    /// <summary>
    /// Sources already stored; those an earlier version left 'unidentified' (report not stored) and those of a rolled-back
    /// batch are read again, and so are failed ones when retrying.
    /// </summary>
    private ConcurrentDictionary<string, byte> LoadKnownHashes()
    {
        using var c = store.Connect();
        var again = RetryOf is null ? "('unidentified', 'rolled_back')" : "('unidentified', 'rolled_back', 'failed')";
        return new ConcurrentDictionary<string, byte>(c.Query<string>($"SELECT sha256 FROM sources WHERE outcome NOT IN {again}").Select(h => KeyValuePair.Create(h, (byte)0)));
    }
}
