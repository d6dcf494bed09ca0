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
    long MaxRequestBytes = 1024L * 1024)
{
    /// <summary>Per client address and <see cref="RateWindow"/>: sign-in POSTs (the throttle slows guessing per name on top).</summary>
    public int SignInsPerWindow { get; init; } = 30;

    /// <summary>Per client address and window: <c>/api/*</c> and <c>/export/*</c> (a page polling a job asks every second or so).</summary>
    public int ApiRequestsPerWindow { get; init; } = 600;

    /// <summary>Per client address and window: page images (a reviewer clicking through cells needs a few a minute).</summary>
    public int PageImagesPerWindow { get; init; } = 120;

    public TimeSpan RateWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Drawn page images kept in memory (least recently used dropped first).</summary>
    public long PageCacheBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The longer side of a page image in pixels: a larger page is scaled down to it (an A4 page at 100 dpi is 1,169).</summary>
    public int PageMaxPixels { get; init; } = 2000;

    /// <summary>Page images drawn at once (each is a pdftoppm process); <see cref="PageRenderQueue"/> more may wait, others get 503.</summary>
    public int PageRenders { get; init; } = 2;

    public int PageRenderQueue { get; init; } = 8;

    /// <summary>Batches of one user waiting or being ingested; one more is refused with 429 until one finishes.</summary>
    public int MaxPendingBatchesPerUser { get; init; } = 4;

    /// <summary>Batches of all users waiting or being ingested.</summary>
    public int MaxPendingBatches { get; init; } = 32;

    /// <summary>
    /// Behind a reverse proxy: X-Forwarded-For/-Proto from <see cref="KnownProxies"/> (the loopback when empty) give
    /// the client's address (rate limits, sign-in throttle) and scheme (Secure cookies).
    /// </summary>
    public bool BehindProxy { get; init; }

    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>The data-protection key ring's folder; null: <c>nianbao-keys</c> next to the SQLite file, or the user's data folder for PostgreSQL.</summary>
    public string? KeysFolder { get; init; }
}
