namespace Nianbao.Web.Accounts;

/// <summary>
/// Slows password guessing without letting anyone lock a user out: failures are counted per (client address, user
/// name), and after <see cref="FreeFailures"/> of them that pair must wait a delay that doubles with each further
/// failure, up to <see cref="MaxDelay"/>. The right password from another address is never held up by someone
/// hammering the name elsewhere. Names are cut to <see cref="MaxNameLength"/> before anything is kept, and at most
/// <see cref="Capacity"/> pairs are remembered (the least recently failed is forgotten first, and a pair is forgotten
/// <see cref="Memory"/> after its last failure), so anonymous attempts cannot grow the server's memory.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 5;
    public const int MaxNameLength = 64;
    public const int Capacity = 10_000;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    private sealed record Entry(string Key, int Failures, DateTimeOffset Last);

    // Least recently failed first: eviction takes the head, a failure moves its pair to the tail.
    private readonly LinkedList<Entry> _order = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Pairs remembered now (never more than <see cref="Capacity"/>).</summary>
    public int Count { get { lock (_lock) return _entries.Count; } }

    /// <summary>A user name as it may be kept and looked up: trimmed and cut to <see cref="MaxNameLength"/>.</summary>
    public static string Normalize(string name)
    {
        var trimmed = name.Length > MaxNameLength * 4 ? name[..(MaxNameLength * 4)].Trim() : name.Trim();
        return trimmed.Length > MaxNameLength ? trimmed[..MaxNameLength] : trimmed;
    }

    /// <summary>How long this address must wait before trying this name again, or null when it may try now.</summary>
    public TimeSpan? Wait(string? address, string name)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(Key(address, name), out var node)) return null;
            var e = node.Value;
            if (now - e.Last >= Memory) { Remove(node); return null; }
            if (e.Failures < FreeFailures) return null;
            var until = e.Last + Delay(e.Failures);
            return until > now ? until - now : null;
        }
    }

    public void Failed(string? address, string name)
    {
        var now = clock.GetUtcNow();
        var key = Key(address, name);
        lock (_lock)
        {
            var failures = 1;
            if (_entries.TryGetValue(key, out var node))
            {
                if (now - node.Value.Last < Memory) failures = node.Value.Failures + 1;
                Remove(node);
            }
            while (_entries.Count >= Capacity) Remove(_order.First!);
            _entries[key] = _order.AddLast(new Entry(key, failures, now));
        }
    }

    public void Succeeded(string? address, string name)
    {
        lock (_lock)
            if (_entries.TryGetValue(Key(address, name), out var node)) Remove(node);
    }

    /// <summary>The wait after <paramref name="failures"/> failures: <see cref="FirstDelay"/> at the first counted one, doubling, capped.</summary>
    public static TimeSpan Delay(int failures)
    {
        var doublings = Math.Min(failures - FreeFailures, 16);
        var delay = FirstDelay * (1L << doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _order.Remove(node);
    }

    private static string Key(string? address, string name) => (address ?? "") + "\n" + Normalize(name).ToLowerInvariant();
}
