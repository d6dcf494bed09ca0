using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Threading.Channels;
using Dapper;
using Nianbao.Pipeline;

namespace Nianbao.Storage;

/// <summary>
/// Batch ingest: files are hashed and parsed on every core, and writers (one for SQLite, a few for PostgreSQL)
/// store them in groups: one transaction per group of up to <see cref="MaxGroup"/> files, each file under its own
/// savepoint, so a file that fails while being written leaves none of its rows and the rest of its group is still
/// committed; a killed ingest loses at most the uncommitted group, which a rerun reads again. Cross-year findings
/// are then refreshed for the agencies touched. Bytes already in the store are skipped before parsing.
/// </summary>
public sealed class IngestRunner(ReportStore store)
{
    /// <param name="LockKey">The agency's loose key (the key writers lock), or null when no agency was recognised.</param>
    /// <param name="DiskPath">Where the file was read (a CLI batch records it so a retry can read it there again).</param>
    internal sealed record Parsed(ParsedFile File, string Sha256, long Size, EncodedVersion? Encoded, byte[]? TextGz, byte[]? Original, string? LockKey, string DiskPath);

    /// <summary>A file that is not written (unreadable, or bytes already known): only the batch records it.</summary>
    internal sealed record Skipped(IngestResult Result, string DiskPath);

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

    /// <summary>
    /// Files per transaction at most. A commit per file was most of the single SQLite writer's time and a round trip
    /// per file for PostgreSQL; a writer that keeps up takes what is queued, so groups are only large under load.
    /// </summary>
    public const int MaxGroup = 64;

    /// <summary>Retries of one file after PostgreSQL broke a deadlock by failing it (another process locking the same agencies).</summary>
    private const int DeadlockRetries = 3;

    /// <param name="progress">Called once per file, in completion order, never concurrently, after its group was committed.</param>
    /// <param name="writers">Writer connections for PostgreSQL (default <see cref="PostgresWriters"/>); SQLite always has one.</param>
    /// <param name="sourceName">The name a file is recorded under (default: its path), e.g. an uploaded file's own name.</param>
    /// <param name="fileBudget">Time one file may take to read (default <see cref="ReportPipeline.DefaultFileBudget"/>); past it that file fails with <c>timeout</c>.</param>
    public IReadOnlyList<IngestResult> Run(IReadOnlyList<string> files, int? parallelism = null,
        Action<IngestResult>? progress = null, CancellationToken cancel = default, int? writers = null,
        Func<string, string>? sourceName = null, TimeSpan? fileBudget = null)
    {
        var pauseAfter = PauseAfter();
        CrossYearFindings.Refresh(store, parallelism); // what a killed earlier run left marked
        var batchId = Batches.Start(store, Origin, User, RetryOf);
        BatchId = batchId;
        var known = LoadKnownHashes();
        var results = new List<IngestResult>(files.Count);
        // SQLite has one writer at a time anyway; PostgreSQL takes several (agencies are locked one by one, not the table).
        var writerCount = store.Location.Kind == DatabaseKind.Postgres ? writers ?? PostgresWriters : 1;
        // One queue per writer, an agency always to the same one: two writers of this process never wait for each
        // other's group on an agency lock (an agency's years are usually neighbours in a folder).
        // About 256 parsed files queued or being written in all, as with one queue before groups (each holds its
        // layout and report in memory).
        var capacity = Math.Max(MaxGroup, (256 - MaxGroup) / writerCount);
        var channels = Enumerable.Range(0, writerCount)
            .Select(_ => Channel.CreateBounded<object>(new BoundedChannelOptions(capacity) { SingleReader = true })).ToArray();
        var producer = Task.Run(() =>
        {
            try
            {
                Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount, CancellationToken = cancel },
                    path =>
                    {
                        var item = Prepare(path, sourceName?.Invoke(path) ?? path, known, KeepFailedOriginals, fileBudget);
                        var lane = item is Parsed { LockKey: { } key } ? (int)((uint)key.GetHashCode(StringComparison.Ordinal) % (uint)writerCount) : Environment.CurrentManagedThreadId % writerCount;
                        channels[lane].Writer.WriteAsync(item, cancel).AsTask().GetAwaiter().GetResult();
                    });
            }
            finally
            {
                foreach (var ch in channels) ch.Writer.Complete();
            }
        }, cancel);

        var gate = new object();
        var consumers = channels.Select(ch => Task.Run(() =>
        {
            using var writer = new IngestWriter(store);
            var group = new List<object>(MaxGroup);
            while (ch.Reader.WaitToReadAsync(cancel).AsTask().GetAwaiter().GetResult())
            {
                group.Clear();
                while (group.Count < MaxGroup && ch.Reader.TryRead(out var item)) group.Add(item);
                var written = WriteGroup(writer, group, batchId, DiskPath);
                lock (gate)
                {
                    foreach (var result in written)
                    {
                        results.Add(result with { File = null });
                        progress?.Invoke(result);
                        if (results.Count == pauseAfter) Pause();
                    }
                }
            }
        }, cancel)).ToArray();
        Task.WaitAll(consumers, cancel);
        producer.GetAwaiter().GetResult();
        // This run's agencies only (another process refreshes its own; the first Refresh above takes any left over).
        CrossYearFindings.Refresh(store, parallelism, results.Where(r => r.ReportId is not null).Select(r => r.ReportId!.Value).ToList());
        Batches.Finish(store, batchId);
        return results;
    }

    /// <summary>A CLI batch keeps where each file was read (a retry reads it there again); an upload's temporary path means nothing later.</summary>
    private string? DiskPath(string path) => Origin == Batches.Cli ? Path.GetFullPath(path) : null;

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

    internal static object Prepare(string path, string name, ConcurrentDictionary<string, byte> known, bool keepFailed = false, TimeSpan? budget = null)
    {
        var (bytes, _, message) = InputFiles.Read(path, ReportPipeline.MaxFileBytes);
        if (bytes is null) return new Skipped(new IngestResult(name, IngestOutcome.Failed, message), path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // TryAdd also catches the same bytes twice within this batch: only the first is parsed.
        if (!known.TryAdd(sha, 0)) return new Skipped(new IngestResult(name, IngestOutcome.AlreadyKnown), path);
        var file = ReportPipeline.ParseBytes(bytes, name, budget);
        // Encoding the cells here keeps that work on the parsing threads, off the single writer.
        return new Parsed(file, sha, bytes.Length, file.Report is { } r ? Versions.Encode(r) : null, SourceTexts.Compress(file.Layout),
            (Nianbao.Reading.FileFormats.KeepsOriginal(Nianbao.Reading.FileFormats.Parse(file.Format)) && file.Report is not null) || (keepFailed && file.Report is null) ? bytes : null,
            file.Report?.Agency is { } agency ? AgencyNames.Analyse(agency).LooseKey : null, path);
    }

    /// <summary>
    /// One transaction for the group, a savepoint per file. Files are written in the order of their agency key, so
    /// two writers (or processes) take agency locks in one order; a deadlock on other rows (two processes adding the
    /// same new region) commits what was written and goes on in a new transaction. With a batch, each file's batch
    /// record is written in the same transaction (under the same savepoint) as the file.
    /// </summary>
    internal static IReadOnlyList<IngestResult> WriteGroup(IngestWriter writer, List<object> group, long? batchId = null, Func<string, string?>? diskPathOf = null)
    {
        var results = new IngestResult[group.Count];
        var toWrite = new List<(int Index, Parsed File)>();
        var skipped = new List<Skipped>();
        for (var i = 0; i < group.Count; i++)
        {
            if (group[i] is Skipped done) { results[i] = done.Result; skipped.Add(done); }
            else toWrite.Add((i, (Parsed)group[i]));
        }
        string? Disk(string path) => diskPathOf?.Invoke(path);
        if (batchId is { } recordIn && skipped.Count > 0)
            writer.Record(recordIn, skipped.Select(k => (k.Result, Disk(k.DiskPath))));
        toWrite.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.File.LockKey, b.File.LockKey);
            return c != 0 ? c : string.CompareOrdinal(a.File.Sha256, b.File.Sha256);
        });
        var next = 0;
        while (next < toWrite.Count)
        {
            // A lone file (the writer keeps up with parsing) needs no savepoint: its transaction is its own.
            if (toWrite.Count - next == 1)
            {
                results[toWrite[next].Index] = WriteAlone(writer, toWrite[next].File, batchId, Disk(toWrite[next].File.DiskPath));
                break;
            }
            var start = next;
            try
            {
                using var tx = writer.Begin();
                while (next < toWrite.Count && WriteOne(writer, tx, toWrite[next].File, batchId, Disk(toWrite[next].File.DiskPath)) is { } written)
                    results[toWrite[next++].Index] = written;
                // A deadlock stops the group here: what is written is committed (its locks released), and the rest
                // goes on in a new transaction. Retrying inside this one would wait again on the locks it holds.
                writer.Commit(tx);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The transaction failed as a whole (commit, or a savepoint the database dropped): none of it is stored.
                for (var k = start; k < toWrite.Count; k++)
                    results[toWrite[k].Index] = new IngestResult(toWrite[k].File.File.Source, IngestOutcome.Failed, $"写入数据库失败（{e.GetType().Name}）：{e.Message}");
                if (batchId is { } failedIn)
                    writer.Record(failedIn, toWrite.Skip(start).Select(w => (results[w.Index], Disk(w.File.DiskPath))));
                break;
            }
            if (next == start)
            {
                // Deadlocked as the first of its transaction: alone, with retries.
                results[toWrite[next].Index] = WriteAlone(writer, toWrite[next].File, batchId, Disk(toWrite[next].File.DiskPath));
                next++;
            }
        }
        return results;
    }

    private static IngestResult WriteAlone(IngestWriter writer, Parsed p, long? batchId, string? diskPath)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return writer.Write(p.File, p.Sha256, p.Size, p.Encoded, p.TextGz, p.Original, batchId, diskPath) with { File = p.File };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Rolled back; the file is reported and the batch goes on.
                if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected } && attempt < DeadlockRetries) continue;
                var failed = new IngestResult(p.File.Source, IngestOutcome.Failed, $"写入数据库失败（{e.GetType().Name}）：{e.Message}");
                if (batchId is { } b) writer.Record(b, [(failed, diskPath)]);
                return failed;
            }
        }
    }

    /// <summary>One file under its savepoint; null when PostgreSQL failed it to break a deadlock (rolled back, to be written again).</summary>
    private static IngestResult? WriteOne(IngestWriter writer, DbTransaction tx, Parsed p, long? batchId, string? diskPath)
    {
        tx.Save("file");
        try
        {
            var result = writer.WriteIn(tx, p.File, p.Sha256, p.Size, p.Encoded, p.TextGz, p.Original, batchId, diskPath) with { File = p.File };
            tx.Release("file");
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Everything this file wrote is undone; the rest of the group stays.
            tx.Rollback("file");
            tx.Release("file");
            writer.FileRolledBack();
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected }) return null;
            var failed = new IngestResult(p.File.Source, IngestOutcome.Failed, $"写入数据库失败（{e.GetType().Name}）：{e.Message}");
            if (batchId is { } b) writer.RecordIn(tx, b, failed, diskPath);
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
