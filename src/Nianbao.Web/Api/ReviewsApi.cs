using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nianbao.Storage;

namespace Nianbao.Web.Api;

/// <summary>
/// Finding review for scripts: read a report's findings with their statuses, set one, or set every finding of a rule in
/// several reports. Writes take a reviewer, by API token or by a signed-in session with its antiforgery token.
/// </summary>
public static class ReviewsApi
{
    public sealed record ReviewRequest(string? Finding, string? Status, string? Reason);

    public sealed record BulkRequest(long[]? Reports, string? Rule, string? Status, string? Reason);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/reports/{id:long}/reviews", List).RequireAuthorization(WebApp.ReadPolicy);
        app.MapPost("/api/reports/{id:long}/reviews", Set).RequireAuthorization(UserRoles.Reviewer).DisableAntiforgery();
        app.MapPost("/api/reviews", Bulk).RequireAuthorization(UserRoles.Reviewer).DisableAntiforgery();
    }

    private static object Json(ReviewedFinding r) => new
    {
        index = r.Index,
        fingerprint = r.Fingerprint,
        rule = r.Finding.Rule,
        severity = SeverityNames.Name(r.Finding.Severity),
        message = r.Finding.Message,
        cells = r.Finding.Cells,
        crossYear = r.CrossYear,
        status = ReviewStatuses.Name(r.Status),
        statusLabel = ReviewStatuses.Chinese(r.Status),
        reason = r.Reason,
        reviewedBy = r.ReviewedBy,
        reviewedAt = r.ReviewedAt,
    };

    private static IResult List(long id, ReportStore store) =>
        store.Get(id) is null ? Results.NotFound() : Results.Json(store.Reviews(id).Select(Json));

    private static async Task<IResult?> Forged(HttpContext ctx, IAntiforgery antiforgery) =>
        ctx.User.Identity?.AuthenticationType != WebApp.Schemes.Token && !await antiforgery.IsRequestValidAsync(ctx)
            ? Results.Problem("缺少或无效的防跨站请求令牌（CSRF）", statusCode: 400)
            : null;

    private static async Task<IResult> Set(long id, ReviewRequest body, HttpContext ctx, IAntiforgery antiforgery, ReportStore store)
    {
        if (await Forged(ctx, antiforgery) is { } refused) return refused;
        if (body.Finding is null || ReviewStatuses.Parse(body.Status) is not { } status)
            return Results.Problem("请给出 finding（编号或指纹）和 status（confirmed、dismissed 或 pending）", statusCode: 400);
        try
        {
            return Results.Json(Json(store.SetReview(id, body.Finding, status, body.Reason, ctx.User.Identity!.Name!)));
        }
        catch (StoreException e)
        {
            return Results.Problem(e.Message, statusCode: 400);
        }
    }

    private static async Task<IResult> Bulk(BulkRequest body, HttpContext ctx, IAntiforgery antiforgery, ReportStore store)
    {
        if (await Forged(ctx, antiforgery) is { } refused) return refused;
        if (body.Reports is not { Length: > 0 } || string.IsNullOrWhiteSpace(body.Rule) || ReviewStatuses.Parse(body.Status) is not { } status)
            return Results.Problem("请给出 reports（报告编号数组）、rule 和 status", statusCode: 400);
        try
        {
            return Results.Json(new { changed = store.ReviewRule(body.Reports, body.Rule, status, body.Reason, ctx.User.Identity!.Name!) });
        }
        catch (StoreException e)
        {
            return Results.Problem(e.Message, statusCode: 400);
        }
    }
}
