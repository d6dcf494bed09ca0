using Nianbao.Storage;

namespace Nianbao.Web;

/// <summary>How <c>nianbao serve</c> runs; every limit has a default a 政务公开办 batch fits in.</summary>
/// <param name="Urls">Where Kestrel listens; loopback by default (put a reverse proxy in front for a network).</param>
/// <param name="ReadRequiresLogin">When true, every page and read API needs a signed-in user or a token; writes always do.</param>
/// <param name="MaxUploadBytes">One request's body (all files of a batch, zips included): 256 MB.</param>
/// <param name="MaxRequestBytes">Any other request's body (sign-in, corrections, user management): 1 MB.</param>
/// <param name="MaxFiles">Files in one batch after zips are opened: a county has at most a few hundred agencies.</param>
public sealed record WebOptions(
    StoreLocation Store,
    string Urls = "http://127.0.0.1:5080",
    bool ReadRequiresLogin = false,
    long MaxUploadBytes = 256L * 1024 * 1024,
    int MaxFiles = 2000,
    long MaxRequestBytes = 1024L * 1024);
