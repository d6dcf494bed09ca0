using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nianbao.Export.Review;
using Nianbao.Storage;
using Nianbao.Summary;

namespace Nianbao.Web.Api;

/// <summary>The dashboard's download of the year's review report (the same document as <c>nianbao review-report</c>).</summary>
public static class ReviewApi
{
    public static void Map(WebApplication app) =>
        app.MapGet("/review-report", Download).RequireAuthorization(WebApp.ReadPolicy);

    private static IResult Download(string? region, int? year, string? to, ReportStore store)
    {
        var format = to ?? "docx";
        var type = format switch
        {
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "html" => "text/html; charset=utf-8",
            _ => null,
        };
        if (type is null) return Results.Problem($"不支持的格式：{format}（可用 docx、xlsx、html）", statusCode: 400);
        if (string.IsNullOrWhiteSpace(region) || year is not { } y) return Results.Problem("需要 region 和 year", statusCode: 400);
        ReviewReportData data;
        try { data = store.Review(region, y); }
        catch (StoreException e) { return Results.Problem(e.Message, statusCode: 404); }
        return Results.File(ReviewRenderers.Render(data, format), type, $"{region.Split('/')[^1]}{y}年报审查情况.{format}");
    }
}
