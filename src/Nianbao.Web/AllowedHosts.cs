namespace Nianbao.Web;

/// <summary>
/// The Host headers a server bound to <see cref="WebOptions.Urls"/> answers (host filtering): the bound names, plus
/// every name of the loopback for a loopback binding, so that a foreign name pointed at the machine (DNS rebinding)
/// reaches nothing. A wildcard binding (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) accepts any host: the
/// names clients use are not known there (put the reverse proxy's name in front).
/// </summary>
public static class AllowedHosts
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    public static IReadOnlyList<string> From(string urls)
    {
        var hosts = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = Host(url);
            if (host is "*" or "+" or "0.0.0.0" or "[::]" or "") return ["*"];
            if (host is "localhost" || host.StartsWith("127.", StringComparison.Ordinal) || host is "[::1]") hosts.AddRange(Loopback);
            hosts.Add(host);
        }
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The host part of a Kestrel URL, brackets kept for IPv6 (<c>http://[::1]:5080</c> → <c>[::1]</c>).</summary>
    private static string Host(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0) rest = rest[..slash];
        if (rest.StartsWith('[')) return rest[..(rest.IndexOf(']', StringComparison.Ordinal) + 1)].ToLowerInvariant();
        var colon = rest.LastIndexOf(':');
        return (colon >= 0 ? rest[..colon] : rest).ToLowerInvariant();
    }
}
