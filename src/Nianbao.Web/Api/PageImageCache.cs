using System.Collections.Concurrent;
using Nianbao.Rendering;

namespace Nianbao.Web.Api;

/// <summary>What asking for a page gave: the image, or the reason it is not drawn (null both: no such page).</summary>
public sealed record PageAnswer(PageImage? Image, string? Refusal);

/// <summary>Too many pages are being drawn or waiting; the client should come back later.</summary>
public sealed class PageRenderBusyException : Exception;

/// <summary>
/// Page images drawn once: answers are kept in memory under (SHA-256 of the PDF, page, pixel cap), least recently
/// used dropped first past <see cref="WebOptions.PageCacheBytes"/>; requests for a page being drawn wait for that one
/// drawing; at most <see cref="WebOptions.PageRenders"/> pdftoppm run at once, with <see cref="WebOptions.PageRenderQueue"/>
/// more waiting, and beyond that a request is refused (503) rather than queued without end.
/// </summary>
public sealed class PageImageCache(WebOptions options) : IDisposable
{
    private sealed record Entry(string Key, PageAnswer Answer, long Bytes);

    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _order = new(); // least recently used first
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<PageAnswer>>> _drawing = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.PageRenders));
    private long _bytes;
    private int _pending;
    private int _renders;

    /// <summary>Pages drawn (pdftoppm runs) since the start: a cached answer does not count.</summary>
    public int Renders => Volatile.Read(ref _renders);

    public long CachedBytes { get { lock (_lock) return _bytes; } }

    /// <summary>Drawings waiting or running now.</summary>
    internal int Pending => Volatile.Read(ref _pending);

    /// <summary>Takes every drawing slot until disposed: tests fill the queue without depending on how long poppler takes.</summary>
    internal async Task<IDisposable> Hold()
    {
        for (var i = 0; i < Math.Max(1, options.PageRenders); i++) await _slots.WaitAsync();
        return new Release(_slots, Math.Max(1, options.PageRenders));
    }

    private sealed class Release(SemaphoreSlim slots, int count) : IDisposable
    {
        public void Dispose() => slots.Release(count);
    }

    /// <returns>The answer and whether it came from the cache.</returns>
    /// <exception cref="PageRenderBusyException">The drawing queue is full.</exception>
    public async Task<(PageAnswer Answer, bool Hit)> GetAsync(string pdfSha256, byte[] pdf, int page)
    {
        var key = $"{pdfSha256}/{page}/{options.PageMaxPixels}";
        lock (_lock)
            if (_entries.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddLast(node);
                return (node.Value.Answer, true);
            }
        var drawing = _drawing.GetOrAdd(key, k => new Lazy<Task<PageAnswer>>(() => Draw(k, pdf, page)));
        try
        {
            return (await drawing.Value, false);
        }
        finally
        {
            _drawing.TryRemove(KeyValuePair.Create(key, drawing));
        }
    }

    private async Task<PageAnswer> Draw(string key, byte[] pdf, int page)
    {
        if (Interlocked.Increment(ref _pending) > options.PageRenders + options.PageRenderQueue)
        {
            Interlocked.Decrement(ref _pending);
            throw new PageRenderBusyException();
        }
        try
        {
            await _slots.WaitAsync().ConfigureAwait(false);
            try
            {
                Interlocked.Increment(ref _renders);
                var answer = await Task.Run(() =>
                {
                    try { return new PageAnswer(PageImages.Render(pdf, page, options.PageMaxPixels), null); }
                    catch (PageSizeException e) { return new PageAnswer(null, e.Message); }
                }).ConfigureAwait(false);
                Keep(key, answer);
                return answer;
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Refusals and missing pages are kept too (a few bytes): asking again must not run poppler again.</summary>
    private void Keep(string key, PageAnswer answer)
    {
        var bytes = (answer.Image?.Png.Length ?? 0) + 256L;
        if (bytes > options.PageCacheBytes) return;
        lock (_lock)
        {
            if (_entries.ContainsKey(key)) return;
            while (_bytes + bytes > options.PageCacheBytes && _order.First is { } oldest)
            {
                _order.RemoveFirst();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Bytes;
            }
            _entries[key] = _order.AddLast(new Entry(key, answer, bytes));
            _bytes += bytes;
        }
    }

    public void Dispose() => _slots.Dispose();
}
