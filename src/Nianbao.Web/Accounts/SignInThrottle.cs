using System.Collections.Concurrent;

namespace Nianbao.Web.Accounts;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> wrong passwords for one user name, that name cannot sign
/// in for <see cref="LockTime"/>, right password or not. Kept in memory: a restart clears it, which an attacker cannot
/// cause from outside, and a real user locked out waits minutes, not for an administrator.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockTime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Until)> _names = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long the name stays locked, or null when it may try.</summary>
    public TimeSpan? Locked(string name) =>
        _names.TryGetValue(name.Trim(), out var s) && s.Failures >= MaxFailures && s.Until > clock.GetUtcNow() ? s.Until - clock.GetUtcNow() : null;

    public void Failed(string name) => _names.AddOrUpdate(name.Trim(), _ => (1, clock.GetUtcNow() + LockTime),
        (_, s) => (s.Until <= clock.GetUtcNow() ? 1 : s.Failures + 1, clock.GetUtcNow() + LockTime));

    public void Succeeded(string name) => _names.TryRemove(name.Trim(), out _);
}
