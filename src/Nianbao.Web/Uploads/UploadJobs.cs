using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Nianbao.Pipeline;
using Nianbao.Storage;

namespace Nianbao.Web.Uploads;

/// <summary>The state of one file of a batch, as the progress page shows it.</summary>
public sealed record JobFile(string Name, string State, string? Message = null, long? ReportId = null);

/// <summary>A file's state in a batch: a short code for scripts and its label for people.</summary>
public static class JobStates
{
    public static string Of(IngestOutcome o) => o switch
    {
        IngestOutcome.Stored => "stored",
        IngestOutcome.AlreadyKnown => "known",
        IngestOutcome.Unidentified => "unidentified",
        _ => "failed",
    };

    public static string Label(string state) => state switch
    {
        "stored" => "已入库",
        "known" => "此前已入库",
        "unidentified" => "已入库，机关或年度待确认",
        "failed" => "失败",
        _ => "等待中",
    };
}

/// <summary>A batch being ingested in the background.</summary>
public sealed class UploadJob(string user, IReadOnlyList<UploadedFile> files, string folder)
{
    private readonly object _gate = new();
    private readonly List<JobFile> _done = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];
    public string User => user;
    public DateTime Started { get; } = DateTime.UtcNow;
    public IReadOnlyList<UploadedFile> Files => files;
    public string Folder => folder;
    public string? Error { get; private set; }

    /// <summary>The batch the store recorded for this upload (its page can roll it back).</summary>
    public long? BatchId { get; internal set; }
    public bool Finished => _completion.Task.IsCompleted;
    public Task Completion => _completion.Task;

    /// <summary>A job is its uploader's (and every admin's) to see; others are told it does not exist.</summary>
    public bool VisibleTo(System.Security.Claims.ClaimsPrincipal reader) =>
        reader.IsInRole(UserRoles.Admin) || (reader.Identity?.IsAuthenticated == true &&
                                             string.Equals(reader.Identity.Name, user, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parsed files in completion order, for the API's answer (kept only when asked: a page needs just the states).</summary>
    public ConcurrentQueue<(IngestResult Result, ParsedFile? File)>? Parsed { get; init; }

    internal void Record(IngestResult r)
    {
        lock (_gate) _done.Add(new JobFile(r.Path, JobStates.Of(r.Outcome), r.Message, r.ReportId));
        Parsed?.Enqueue((r, r.File));
    }

    internal void Finish(string? error)
    {
        Error = error;
        _completion.TrySetResult();
    }

    /// <summary>Every file with its state; files not reached yet are "waiting".</summary>
    public IReadOnlyList<JobFile> Snapshot()
    {
        lock (_gate)
        {
            var seen = _done.Select(d => d.Name).ToHashSet();
            return [.. _done, .. files.Where(f => !seen.Contains(f.Name)).Select(f => new JobFile(f.Name, "waiting"))];
        }
    }
}

/// <summary>
/// Runs uploaded batches one after the other on a background task (an ingest already uses every core), keeps the last
/// jobs in memory for their progress pages, and removes each batch's temporary files when it ends. What was stored
/// stays in the database; only the progress view of a job is lost with a restart. The queue is bounded: a user has
/// at most <see cref="WebOptions.MaxPendingBatchesPerUser"/> batches waiting or running, all users together
/// <see cref="WebOptions.MaxPendingBatches"/>, so one uploader cannot make everyone else's batch wait without end.
/// </summary>
public sealed class UploadJobs : IDisposable
{
    private const int Kept = 200;
    private readonly Channel<UploadJob> _queue = Channel.CreateUnbounded<UploadJob>();
    private readonly ConcurrentDictionary<string, UploadJob> _jobs = new();
    private readonly ConcurrentQueue<string> _order = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _admit = new();
    private readonly List<UploadJob> _pending = [];
    // Held by the worker while a job runs; Hold() takes it so that tests can keep batches pending without timing.
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly ReportStore _store;
    private readonly WebOptions _options;
    private readonly ILogger<UploadJobs> _log;
    private readonly Task _worker;

    public UploadJobs(ReportStore store, WebOptions options, ILogger<UploadJobs> log)
    {
        _store = store;
        _options = options;
        _log = log;
        _worker = Task.Run(Work);
    }

    /// <summary>Why a batch of this user would be refused now (checked before its body is read), or null.</summary>
    public string? Refusal(string user)
    {
        lock (_admit) return RefusalLocked(user);
    }

    private string? RefusalLocked(string user)
    {
        _pending.RemoveAll(j => j.Finished);
        if (_pending.Count(j => string.Equals(j.User, user, StringComparison.OrdinalIgnoreCase)) >= _options.MaxPendingBatchesPerUser)
            return $"您已有 {_options.MaxPendingBatchesPerUser} 批上传正在排队或入库，请等其中一批完成后再上传";
        if (_pending.Count >= _options.MaxPendingBatches)
            return $"服务器上已有 {_options.MaxPendingBatches} 批上传正在排队，请稍后再上传";
        return null;
    }

    /// <summary>Queues a batch, or answers why not (the queue limits); a refused batch's files are removed.</summary>
    public UploadJob? TryEnqueue(UploadJob job, out string? refusal)
    {
        lock (_admit)
        {
            refusal = RefusalLocked(job.User);
            if (refusal is not null)
            {
                try { Directory.Delete(job.Folder, recursive: true); } catch (IOException) { }
                return null;
            }
            _pending.Add(job);
        }
        _jobs[job.Id] = job;
        _order.Enqueue(job.Id);
        while (_order.Count > Kept && _order.TryDequeue(out var old))
            if (_jobs.TryGetValue(old, out var j) && j.Finished) _jobs.TryRemove(old, out _);
        _queue.Writer.TryWrite(job);
        return job;
    }

    public UploadJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>Keeps the worker from starting another batch until disposed (the one running, if any, finishes first).</summary>
    internal async Task<IDisposable> Hold()
    {
        await _running.WaitAsync();
        return new Release(_running);
    }

    private sealed class Release(SemaphoreSlim s) : IDisposable
    {
        public void Dispose() => s.Release();
    }

    private async Task Work()
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            var names = job.Files.ToDictionary(f => f.DiskPath, f => f.Name);
            string? error = null;
            await _running.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                // The temporary files go with the job: failed ones are kept in the store, so the batch can be retried.
                var runner = new IngestRunner(_store) { Origin = Batches.Web, User = job.User, KeepFailedOriginals = true };
                runner.Run(job.Files.Select(f => f.DiskPath).ToList(), progress: job.Record, cancel: _stop.Token,
                    sourceName: p => names[p]);
                job.BatchId = runner.BatchId;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log.LogError(e, "upload job {Id} failed", job.Id);
                error = $"入库中断：{e.Message}";
            }
            finally
            {
                _running.Release();
                job.Finish(error);
                try { Directory.Delete(job.Folder, recursive: true); } catch (IOException) { }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _queue.Writer.TryComplete();
        try { _worker.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
