using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Nianbao.Web;

/// <summary>Static assets embedded in the assembly (the CLI runs from any directory; there is no wwwroot to find).</summary>
public static class Assets
{
    private static readonly Assembly Assembly = typeof(Assets).Assembly;

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static bool Has(string name) => Assembly.GetManifestResourceInfo("assets/" + name) is not null;

    public static IResult Serve(string name, HttpContext ctx)
    {
        var stream = Assembly.GetManifestResourceStream("assets/" + name);
        if (stream is null || !Types.TryGetValue(Path.GetExtension(name), out var type)) return Results.NotFound();
        ctx.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Stream(stream, type);
    }
}
