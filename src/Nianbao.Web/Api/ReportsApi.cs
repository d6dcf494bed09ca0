using Nianbao.Reading;
using Nianbao.Tools;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nianbao.Export;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Storage;
using Nianbao.Web.Presentation;
using Nianbao.Web.Uploads;

namespace Nianbao.Web.Api;

/// <summary>
/// JSON for scripts and the pages' own polling, and the export downloads. Writes take a reviewer: by API token
/// (<c>Authorization: Bearer …</c>), or by a signed-in session together with its antiforgery token.
/// </summary>
public static class ReportsApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/reports", List).RequireAuthorization(WebApp.ReadPolicy);
        app.MapPost("/api/reports", Upload).RequireAuthorization(UserRoles.Reviewer).DisableAntiforgery().WithMetadata(new UploadBodyAttribute());
        app.MapGet("/api/jobs/{id}", Job).RequireAuthorization(UserRoles.Reviewer);
        app.MapGet("/export/{format}", Export).RequireAuthorization(WebApp.ReadPolicy);
        app.MapGet("/reports/{id:long}/pages/{page:int}.png", PageImage).RequireAuthorization(WebApp.ReadPolicy);
        app.MapGet("/reports/{id:long}/render/{target}", Render).RequireAuthorization(WebApp.ReadPolicy);
    }

    /// <summary>The stored report in the official layout, in any registered format (<see cref="ReportRenderers"/>).</summary>
    private static IResult Render(long id, string target, ReportStore store)
    {
        if (ReportRenderers.Default.Find(target) is not { } renderer)
            return Results.Problem($"不支持的输出格式：{target}（可用 {string.Join("、", ReportRenderers.Default.Targets)}）", statusCode: 404);
        if (store.Get(id) is not { } stored) return Results.NotFound();
        try
        {
            var bytes = renderer.Write(stored.Report, ReportDocument.Of(stored.Report));
            return Results.File(bytes, renderer.MediaType, $"report-{id}.{renderer.Extension}");
        }
        catch (ExternalToolException e)
        {
            return Results.Problem(e.Message, statusCode: 503);
        }
    }

    private static async Task List(HttpContext ctx, ReportStore store)
    {
        var query = ListQuery.From(ctx.Request.Query);
        var ids = query.Apply(store.List(query.Filter)).Select(r => r.Id).ToList();
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await using var w = new Utf8JsonWriter(ctx.Response.Body, ReportJson.Options);
        w.WriteStartArray();
        foreach (var id in ids)
        {
            if (store.Get(id, query.IncludeDismissed) is { } report) JsonExport.WriteReport(w, report);
            if (w.BytesPending > 1 << 16) await w.FlushAsync();
        }
        w.WriteEndArray();
    }

    /// <summary>Ingests the multipart field <c>files</c> (zips opened) and answers with the <c>parse --json</c> object of each file.</summary>
    private static async Task<IResult> Upload(HttpContext ctx, IAntiforgery antiforgery, UploadJobs jobs, WebOptions options)
    {
        // A token request cannot be forged by another site; a cookie one must carry the form's antiforgery token.
        try
        {
            if (ctx.User.Identity?.AuthenticationType != WebApp.Schemes.Token && !await antiforgery.IsRequestValidAsync(ctx))
                return Results.Problem("缺少或无效的防跨站请求令牌（CSRF）", statusCode: 400);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return Results.Problem($"上传内容超过上限（一次合计不超过 {options.MaxUploadBytes / 1024 / 1024} MB），请分批上传", statusCode: 413);
        }
        if (!ctx.Request.HasFormContentType) return Results.Problem("请以 multipart/form-data 上传，字段名 files", statusCode: 400);
        // The queue limits are checked before the body is saved, and again when the batch is queued.
        if (jobs.Refusal(ctx.User.Identity!.Name!) is { } busy) return QueueFull(ctx, busy);
        string folder;
        List<UploadedFile> files;
        try
        {
            if (await UploadBatch.ReceiveAsync(ctx.Request, options, ctx.RequestAborted) is not { } received)
                return Results.Problem("没有收到文件（字段名应为 files）", statusCode: 400);
            (folder, files) = received;
        }
        catch (UploadBatch.RefusedException e)
        {
            return Results.Problem(e.Message, statusCode: e.StatusCode);
        }
        if (jobs.TryEnqueue(new UploadJob(ctx.User.Identity!.Name!, files, folder) { Parsed = new() }, out var refusal) is not { } job)
            return QueueFull(ctx, refusal!);
        await job.Completion;
        if (job.Error is { } error) return Results.Problem(error, statusCode: 500);
        var answer = new MemoryStream();
        await using (var w = new Utf8JsonWriter(answer, ReportJson.Options))
        {
            w.WriteStartArray();
            foreach (var (result, file) in job.Parsed!)
            {
                // Known bytes are skipped before parsing; the answer still describes the file, from its stored report.
                var parsed = file ?? new ParsedFile(result.Path, Nianbao.Reading.FileFormat.Unknown.Name(), null, new Nianbao.Reading.ReadError(Nianbao.Reading.ReadErrorCode.AlreadyKnown), null);
                ReportJson.Write(w, parsed, includeSections: false, extra =>
                {
                    extra.WriteString("outcome", JobStates.Of(result.Outcome));
                    if (result.ReportId is { } id) extra.WriteNumber("id", id);
                    if (result.Message is { } m) extra.WriteString("message", m);
                });
            }
            w.WriteEndArray();
        }
        return Results.Bytes(answer.ToArray(), "application/json; charset=utf-8");
    }

    /// <summary>
    /// A page of the report's original PDF (kept for PDFs and scans) as PNG at <see cref="PageImages.Dpi"/>, or lower
    /// for a page larger than the pixel cap (the resolution is in <c>X-Page-Dpi</c>, for the box drawn on it); drawn
    /// once and then answered from <see cref="PageImageCache"/> (<c>X-Page-Cache: hit</c>).
    /// </summary>
    private static async Task<IResult> PageImage(long id, int page, ReportStore store, PageImageCache cache, HttpContext ctx)
    {
        if (store.Get(id) is not { } report || store.OriginalForVersion(report.Listing.VersionId) is not { } original)
            return Results.NotFound();
        if (Nianbao.Reading.FileFormats.Parse(original.Format) != Nianbao.Reading.FileFormat.Pdf)
            return page == 1 && Nianbao.Reading.FormatSniffer.Sniff(original.Bytes) == Nianbao.Reading.FileFormat.Image
                ? Results.Bytes(original.Bytes, ImageType(original.Bytes)) : Results.NotFound();
        try
        {
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original.Bytes));
            var (answer, hit) = await cache.GetAsync(sha, original.Bytes, page);
            ctx.Response.Headers["X-Page-Cache"] = hit ? "hit" : "miss";
            if (answer.Refusal is { } refusal) return Results.Problem(refusal, statusCode: 422);
            if (answer.Image is not { } image) return Results.NotFound();
            ctx.Response.Headers["X-Page-Dpi"] = image.Dpi.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            ctx.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Bytes(image.Png, ImageType(image.Png));
        }
        catch (PageRenderBusyException)
        {
            ctx.Response.Headers.RetryAfter = "5";
            return Results.Problem("正在绘制的页面过多，请稍后再试", statusCode: 503);
        }
        catch (Nianbao.Tools.ExternalToolException e)
        {
            return Results.Problem(e.Message, statusCode: 503);
        }
    }

    private static IResult QueueFull(HttpContext ctx, string reason)
    {
        ctx.Response.Headers.RetryAfter = "60";
        return Results.Problem(reason, statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>PNG or JPEG by their magic bytes (what a browser can show); anything else as bytes.</summary>
    private static string ImageType(byte[] b) =>
        b is [0x89, 0x50, 0x4E, 0x47, ..] ? "image/png" : b is [0xFF, 0xD8, ..] ? "image/jpeg" : "application/octet-stream";

    private static IResult Job(string id, UploadJobs jobs, HttpContext ctx)
    {
        // Another reviewer's job is not there for this one (its file names are the uploader's business).
        if (jobs.Find(id) is not { } job || !job.VisibleTo(ctx.User)) return Results.NotFound();
        var files = job.Snapshot();
        return Results.Json(new
        {
            id = job.Id,
            finished = job.Finished,
            batchId = job.BatchId,
            error = job.Error,
            total = files.Count,
            done = files.Count(f => f.State != "waiting"),
            files = files.Select(f => new { name = f.Name, state = f.State, label = JobStates.Label(f.State), message = f.Message, reportId = f.ReportId }),
        });
    }

    private static IResult Export(string format, HttpContext ctx, ReportStore store)
    {
        var query = ListQuery.From(ctx.Request.Query);
        var ids = query.Apply(store.List(query.Filter)).Select(r => r.Id).ToList();
        var reports = ids.Select(id => store.Get(id, query.IncludeDismissed)).OfType<StoredReport>();
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        (Func<Stream, int> write, string type, string ext) = format switch
        {
            "csv" => ((Func<Stream, int>)(s => CsvExport.WriteCells(reports, s)), "text/csv; charset=utf-8", "csv"),
            "xlsx" => (s => XlsxExport.Write(reports, s), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            "json" => (s => JsonExport.Write(reports, s), "application/x-ndjson; charset=utf-8", "jsonl"),
            _ => default,
        };
        if (write is null) return Results.Problem($"不支持的导出格式：{format}（可用 csv、xlsx、json）", statusCode: 400);
        // The exporters write synchronously (OpenXml, CsvHelper); Kestrel's body is async-only, so go through a temporary file.
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        write(temp);
        temp.Position = 0;
        return Results.Stream(temp, type, $"nianbao-{stamp}.{ext}");
    }
}
