using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Nianbao.Web;

/// <summary>Marks an endpoint whose body may reach <see cref="WebOptions.MaxUploadBytes"/> (the upload routes); every other one gets <see cref="WebOptions.MaxRequestBytes"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class UploadBodyAttribute : Attribute;

/// <summary>
/// The body limit of each request, decided after authorisation: Kestrel's own limit is the small one, so an
/// anonymous client can make the server read at most <see cref="WebOptions.MaxRequestBytes"/>; only an authorised
/// request to an upload route is raised to the upload limit. A body over its limit gets a 413 with the reason,
/// not a server error or the antiforgery check's bare 400.
/// </summary>
public static class RequestLimits
{
    /// <summary>A refused body up to this many times its limit is drained before the answer.</summary>
    private const long MaxDrainFactor = 4;

    /// <summary>The small limit: never above the upload limit.</summary>
    public static long Default(WebOptions options) => Math.Min(options.MaxRequestBytes, options.MaxUploadBytes);

    public static async Task Apply(HttpContext ctx, Func<Task> next)
    {
        var options = ctx.RequestServices.GetRequiredService<WebOptions>();
        var upload = ctx.GetEndpoint()?.Metadata.GetMetadata<UploadBodyAttribute>() is not null;
        var limit = upload ? options.MaxUploadBytes : Default(options);
        if (upload && ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        // A declared length over the limit is refused before anything reads the body (browsers always declare it).
        if (ctx.Request.ContentLength is { } declared && declared > limit)
        {
            await Drain(declared);
            await Refuse();
            return;
        }
        try
        {
            await next();
        }
        catch (Exception e) when (!ctx.Response.HasStarted &&
                                  (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException))
        {
            await Refuse();
        }

        // A client answered while it is still sending sees a broken pipe instead of the reason (browsers and HttpClient
        // alike), so a body up to a few times the limit is read and thrown away first; a larger one is refused at
        // once, unread, and the connection closed.
        async Task Drain(long declared)
        {
            if (declared > limit * MaxDrainFactor)
            {
                ctx.Response.Headers.Connection = "close";
                return;
            }
            if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } f) f.MaxRequestBodySize = declared;
            await ctx.Request.Body.CopyToAsync(Stream.Null, ctx.RequestAborted);
        }

        Task Refuse()
        {
            ctx.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            return ctx.Response.WriteAsync(upload
                ? $"上传内容超过上限（一次合计不超过 {Megabytes(options.MaxUploadBytes)} MB），请分批上传"
                : $"请求内容超过上限（不超过 {Megabytes(limit)} MB）");
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
