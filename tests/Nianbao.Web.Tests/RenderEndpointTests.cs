using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Storage;
using Nianbao.Web.Tests.Support;

namespace Nianbao.Web.Tests;

/// <summary>The web serves a stored report through the same renderer registry as <c>render</c>.</summary>
public sealed class RenderEndpointTests
{
    [Fact]
    public async Task A_stored_report_downloads_in_each_registered_text_format_and_an_unknown_one_is_refused()
    {
        await using var app = await RunningApp.StartAsync();
        using var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Accounts.CreateToken(RunningApp.ReviewerName, null));
        var sample = File.ReadAllBytes(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt").Order().First());
        var form = new MultipartFormDataContent { { new ByteArrayContent(sample), "files", "a.txt" } };
        var upload = await client.PostAsync("/api/reports", form);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        using var answer = JsonDocument.Parse(await upload.Content.ReadAsStringAsync());
        var id = answer.RootElement[0].GetProperty("id").GetInt64();
        var stored = app.Store.Get(id)!.Report;

        foreach (var target in new[] { "html", "md", "docx" })
        {
            var response = await client.GetAsync($"/reports/{id}/render/{target}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var renderer = ReportRenderers.Default.Find(target)!;
            Assert.Equal(renderer.MediaType.Split(';')[0], response.Content.Headers.ContentType?.MediaType);
            // The download reads back to the stored cells.
            var back = ReportPipeline.ParseBytes(await response.Content.ReadAsByteArrayAsync(), "x." + renderer.Extension).Report!;
            foreach (var (key, cell) in stored.Cells.Where(c => c.Value.Value is not null))
                Assert.Equal(cell.Value, back.Value(key));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/reports/{id}/render/xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/reports/{id + 1000}/render/html")).StatusCode);
    }
}
