namespace Nianbao.Tools;

/// <summary>
/// The time one file may take to read (issue 13 item 5): a cancellation token with a deadline, set around one file's
/// parse and honoured by the readers' long loops (PDF pages, OCR pages and cells, the HTML walk) and by every external
/// process (killed). It is ambient (flows with the thread and its tasks) so that the readers keep their signatures
/// and the registry that picks them need not know about it; outside a budget it never expires.
/// </summary>
public sealed class ReadBudget : IDisposable
{
    private static readonly AsyncLocal<ReadBudget?> Ambient = new();

    private readonly CancellationTokenSource source;
    private readonly ReadBudget? outer;
    private DateTime deadline;

    private ReadBudget(TimeSpan limit)
    {
        Limit = limit;
        deadline = DateTime.UtcNow + limit;
        // A zero budget is expired from the start (the constructor cancels synchronously): no timer race in tests.
        source = new CancellationTokenSource(limit);
        outer = Ambient.Value;
        Ambient.Value = this;
    }

    /// <summary>The budget as first given (extensions for OCR pages not included), for the message.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Starts a budget for the current thread's work until disposed.</summary>
    public static ReadBudget Start(TimeSpan limit) => new(limit);

    /// <summary>The current file's token (none outside a budget).</summary>
    public static CancellationToken Token => Ambient.Value?.source.Token ?? CancellationToken.None;

    public bool Expired => source.IsCancellationRequested;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the current file's time is up.</summary>
    public static void Check() => Token.ThrowIfCancellationRequested();

    /// <summary>
    /// More time for work whose size is known and legitimate (one OCR page takes seconds where a text page takes
    /// milliseconds); an expired budget stays expired.
    /// </summary>
    public static void Grant(TimeSpan more)
    {
        if (Ambient.Value is not { } b || b.source.IsCancellationRequested || b.Limit == Timeout.InfiniteTimeSpan) return;
        lock (b)
        {
            b.deadline += more;
            var left = b.deadline - DateTime.UtcNow;
            if (left > TimeSpan.Zero) b.source.CancelAfter(left);
        }
    }

    public void Dispose()
    {
        Ambient.Value = outer;
        source.Dispose();
    }
}
