using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Nianbao.Web;

/// <summary>
/// Per client address request limits (ASP.NET Core's rate limiter, fixed windows of <see cref="WebOptions.RateWindow"/>)
/// on what an anonymous client can make expensive: sign-in POSTs (password hashing), the API and exports (database
/// reads, whole-store exports) and page images (pdftoppm). Pages themselves are not limited. Past its limit a client
/// gets 429 with Retry-After and the reason in Chinese. Behind a proxy the address is the forwarded one (see
/// <see cref="WebOptions.BehindProxy"/>); without that option every client of the proxy shares the proxy's limit.
/// </summary>
public static class RateLimits
{
    public static void Add(IServiceCollection services, WebOptions options)
    {
        services.AddRateLimiter(r =>
        {
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                var kind = Kind(ctx.Request);
                if (kind is null) return RateLimitPartition.GetNoLimiter("");
                var limit = kind switch { "signin" => options.SignInsPerWindow, "page" => options.PageImagesPerWindow, _ => options.ApiRequestsPerWindow };
                var address = ctx.Connection.RemoteIpAddress?.ToString() ?? "";
                return RateLimitPartition.GetFixedWindowLimiter(kind + "|" + address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = options.RateWindow,
                    QueueLimit = 0,
                });
            });
            r.OnRejected = (ctx, cancel) =>
            {
                var wait = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.RateWindow;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var response = ctx.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(response.WriteAsync($"请求过于频繁，请 {seconds} 秒后再试", cancel));
            };
        });
    }

    /// <summary>Which limit a request counts against, or null for none.</summary>
    public static string? Kind(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(request.Method)) return "signin";
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/export", StringComparison.OrdinalIgnoreCase)) return "api";
        if (path.StartsWithSegments("/reports", StringComparison.OrdinalIgnoreCase) && path.Value!.Contains("/pages/", StringComparison.Ordinal)) return "page";
        return null;
    }
}
