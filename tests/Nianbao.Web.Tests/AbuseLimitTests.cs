using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Nianbao.Fixtures;
using Nianbao.Rendering;
using Nianbao.Template;
using Nianbao.Web.Accounts;
using Nianbao.Web.Api;
using Nianbao.Web.Tests.Support;
using Nianbao.Web.Uploads;

namespace Nianbao.Web.Tests;

/// <summary>
/// Issue 13 items 3, 7 and 11 over real HTTP: per-address rate limits, page images drawn once and within a pixel cap,
/// forwarded headers only when asked for, the key ring private in the store's folder, a bounded upload queue per user.
/// Limits are set tiny and windows long, and requests are counted: nothing depends on time.
/// </summary>
public sealed class AbuseLimitTests
{
    private static readonly IPAddress Elsewhere = IPAddress.Parse("127.0.0.3");

    private static byte[] Sample() => File.ReadAllBytes(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt").Order().First());

    private static async Task<HttpResponseMessage> SignIn(HttpClient client, string name, string password) =>
        await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = name, ["password"] = password, ["__RequestVerificationToken"] = await RunningApp.AntiforgeryToken(client, "/account/login"),
        }));

    [Fact]
    public async Task Sign_ins_and_api_calls_past_the_limit_get_429_with_retry_after_per_address()
    {
        await using var app = await RunningApp.StartAsync(configure: o => o with { SignInsPerWindow = 3, ApiRequestsPerWindow = 2, RateWindow = TimeSpan.FromHours(1) });
        using var client = app.Client();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await SignIn(client, "someone", "wrong-" + i)).StatusCode);
        var limited = await SignIn(client, RunningApp.AdminName, RunningApp.AdminPassword);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, "Retry-After missing");
        Assert.Contains("请求过于频繁", await limited.Content.ReadAsStringAsync());
        // The sign-in page itself is not limited, and another address has its own count.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        using var other = app.Client(Elsewhere);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(other, RunningApp.AdminName, RunningApp.AdminPassword)).StatusCode);

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reports")).StatusCode);
        var api = await client.GetAsync("/export/csv");
        Assert.Equal((HttpStatusCode)429, api.StatusCode);
        Assert.NotNull(api.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    /// <summary>A one-page PDF of the given size in points (a blue square on it), with a correct cross-reference table.</summary>
    private static byte[] OnePagePdf(int width, int height)
    {
        const string content = "0 0 1 rg 10 10 100 100 re f\n";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents 4 0 R /Resources << >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}endstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png is [0x89, 0x50, 0x4E, 0x47, ..], "not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public async Task A_page_image_is_drawn_once_and_a_huge_page_within_the_pixel_cap()
    {
        await using var app = await RunningApp.StartAsync();
        var cache = app.Service<PageImageCache>();
        // A real report printed to PDF by Chromium and uploaded: its original is kept for page images.
        var (playwright, browser) = await Browser.LaunchAsync();
        byte[] printed;
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.SetContentAsync(HtmlRenderer.Render(ReportGenerator.Generate(5, Edition.E2021, sparse: 0.5).ToReport()));
            printed = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        }
        using var script = app.Client();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Accounts.CreateToken(RunningApp.ReviewerName, null));
        var form = new MultipartFormDataContent { { new ByteArrayContent(printed), "files", "printed.pdf" } };
        var upload = await script.PostAsync("/api/reports", form);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        using var answer = JsonDocument.Parse(await upload.Content.ReadAsStringAsync());
        var id = answer.RootElement[0].GetProperty("id").GetInt64();

        using var reader = app.Client();
        var first = await reader.GetAsync($"/reports/{id}/pages/1.png");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("miss", first.Headers.GetValues("X-Page-Cache").Single());
        var second = await reader.GetAsync($"/reports/{id}/pages/1.png");
        Assert.Equal("hit", second.Headers.GetValues("X-Page-Cache").Single());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, cache.Renders);
        // A4 (Chromium prints it 595.92 × 841.92 pt) at 100 dpi, as the box overlay expects: not scaled.
        var (width, height) = PngSize(await first.Content.ReadAsByteArrayAsync());
        Assert.InRange(width, 826, 828);
        Assert.InRange(height, 1169, 1171);
        Assert.Equal("100", first.Headers.GetValues("X-Page-Dpi").Single());
        // A page that does not exist is asked of poppler once too.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/reports/{id}/pages/40.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/reports/{id}/pages/40.png")).StatusCode);
        Assert.Equal(2, cache.Renders);

        // The stored original replaced by a page of 14,400 pt (200 inches): drawn scaled to the cap, not at 100 dpi (20,000 px).
        void Store(byte[] pdf)
        {
            using var c = new SqliteConnection(app.Store.Location.ConnectionString);
            c.Open();
            using var update = c.CreateCommand();
            update.CommandText = "UPDATE source_files SET bytes = $b";
            update.Parameters.AddWithValue("$b", pdf);
            Assert.Equal(1, update.ExecuteNonQuery());
        }
        Store(OnePagePdf(14_400, 14_400));
        var huge = await reader.GetAsync($"/reports/{id}/pages/1.png");
        Assert.Equal(HttpStatusCode.OK, huge.StatusCode);
        Assert.Equal("miss", huge.Headers.GetValues("X-Page-Cache").Single());
        var cap = new WebOptions(app.Store.Location).PageMaxPixels;
        Assert.Equal((cap, cap), PngSize(await huge.Content.ReadAsByteArrayAsync()));
        Assert.Equal((cap * 72.0 / 14_400).ToString("0.###", CultureInfo.InvariantCulture), huge.Headers.GetValues("X-Page-Dpi").Single());

        // A page made to be a line is refused with the reason, and the refusal is remembered.
        Store(OnePagePdf(14_400, 20));
        var absurd = await reader.GetAsync($"/reports/{id}/pages/1.png");
        Assert.Equal((HttpStatusCode)422, absurd.StatusCode);
        Assert.Contains("尺寸异常", await absurd.Content.ReadAsStringAsync());
        Assert.Equal("hit", (await reader.GetAsync($"/reports/{id}/pages/1.png")).Headers.GetValues("X-Page-Cache").Single());
        Assert.Equal(4, cache.Renders);
    }

    [Fact]
    public async Task Page_images_are_drawn_a_few_at_a_time_and_past_the_queue_refused_with_503()
    {
        await using var app = await RunningApp.StartAsync(configure: o => o with { PageRenders = 1, PageRenderQueue = 1 });
        var cache = app.Service<PageImageCache>();
        var pdf = Path.Combine(app.Folder, "printed.pdf");
        File.WriteAllBytes(pdf, PdfRenderer.Render(HtmlRenderer.Render(ReportGenerator.Generate(11, Edition.E2021, sparse: 0.5).ToReport())));
        var id = new Nianbao.Storage.IngestRunner(app.Store).Run([pdf]).Single().ReportId!.Value;
        using var client = app.Client();
        Task<HttpResponseMessage> first, second;
        using (await cache.Hold())
        {
            // One drawing may run and one wait: both are admitted while the slot is held ...
            first = client.GetAsync($"/reports/{id}/pages/1.png");
            while (cache.Pending < 1) await Task.Delay(10);
            second = client.GetAsync($"/reports/{id}/pages/2.png");
            while (cache.Pending < 2) await Task.Delay(10);
            // ... a third page is refused at once.
            var third = await client.GetAsync($"/reports/{id}/pages/3.png");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
            Assert.NotNull(third.Headers.RetryAfter);
            Assert.Contains("正在绘制的页面过多", await third.Content.ReadAsStringAsync());
            Assert.Equal(2, cache.Pending);
        }
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, (await second).StatusCode);
        Assert.Equal(2, cache.Renders);
        Assert.Equal(0, cache.Pending);
    }

    [Fact]
    public async Task Page_images_past_their_limit_get_429()
    {
        await using var app = await RunningApp.StartAsync(configure: o => o with { PageImagesPerWindow = 2, RateWindow = TimeSpan.FromHours(1) });
        using var client = app.Client();
        // No such report: the limit counts requests, not drawings.
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/reports/1/pages/1.png")).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await client.GetAsync("/reports/1/pages/2.png")).StatusCode);
    }

    /// <summary>Signs in through raw requests that claim, as a proxy would, that the browser used https; answers the auth cookie's Set-Cookie.</summary>
    private static async Task<string> SignInForwarded(RunningApp app, string forwardedFor)
    {
        using var client = app.RawClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var page = await client.GetAsync("/account/login");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = RunningApp.ReviewerName, ["password"] = RunningApp.ReviewerPassword, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nianbao.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forwarded_headers_count_only_with_the_option()
    {
        await using (var direct = await RunningApp.StartAsync())
            Assert.DoesNotContain("secure", await SignInForwarded(direct, "203.0.113.1"), StringComparison.OrdinalIgnoreCase);

        await using var proxied = await RunningApp.StartAsync(configure: o => o with { BehindProxy = true, SignInsPerWindow = 2, RateWindow = TimeSpan.FromHours(1) });
        Assert.Contains("secure", await SignInForwarded(proxied, "203.0.113.1"), StringComparison.OrdinalIgnoreCase);
        // The forwarded address is the client: the first client's limit (2 sign-ins) is not the second's.
        Assert.Contains("secure", await SignInForwarded(proxied, "203.0.113.2"), StringComparison.OrdinalIgnoreCase);
        using var first = proxied.RawClient();
        first.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.1");
        Assert.Equal(HttpStatusCode.BadRequest, (await first.PostAsync("/account/login", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await first.PostAsync("/account/login", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task The_key_ring_is_kept_private_in_the_stores_folder()
    {
        if (!OperatingSystem.IsLinux()) return;
        await using var app = await RunningApp.StartAsync();
        using var client = app.Client();
        // The first antiforgery token creates the first key.
        await RunningApp.AntiforgeryToken(client, "/account/login");
        var folder = Path.Combine(app.Folder, KeyRing.FolderName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        var keys = Directory.GetFiles(folder, "key-*.xml");
        Assert.NotEmpty(keys);
        foreach (var key in keys) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        // A session survives a restart of the server on the same store: the ring is read back, not made anew.
        Assert.Contains("<key id=", File.ReadAllText(keys[0]));
    }

    [Fact]
    public async Task A_user_with_too_many_pending_batches_is_refused_the_next_one()
    {
        await using var app = await RunningApp.StartAsync(configure: o => o with { MaxPendingBatchesPerUser = 2 });
        var jobs = app.Service<UploadJobs>();
        using var reviewer = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);

        async Task<HttpResponseMessage> Upload(HttpClient client, string name)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(Sample()), "files", name } };
            form.Add(new StringContent(await RunningApp.AntiforgeryToken(client, "/upload")), "__RequestVerificationToken");
            return await client.PostAsync("/upload", form);
        }

        var queued = new List<UploadJob>();
        // The worker is held: batches stay pending however fast the machine is.
        using (await jobs.Hold())
        {
            for (var i = 0; i < 2; i++)
            {
                var ok = await Upload(reviewer, $"batch-{i}.txt");
                Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
                queued.Add(jobs.Find(ok.Headers.Location!.OriginalString["/jobs/".Length..])!);
            }
            var refused = await Upload(reviewer, "batch-3.txt");
            Assert.Equal((HttpStatusCode)429, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("2 批上传正在排队或入库", await refused.Content.ReadAsStringAsync());
            // The API says the same at once, before reading the body; another user is not held up.
            using var script = app.Client();
            script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Accounts.CreateToken(RunningApp.ReviewerName, null));
            var api = await script.PostAsync("/api/reports", new MultipartFormDataContent { { new ByteArrayContent(Sample()), "files", "api.txt" } });
            Assert.Equal((HttpStatusCode)429, api.StatusCode);
            using var admin = await app.SignedInClient(RunningApp.AdminName, RunningApp.AdminPassword);
            var other = await Upload(admin, "admin.txt");
            Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
            queued.Add(jobs.Find(other.Headers.Location!.OriginalString["/jobs/".Length..])!);
        }
        foreach (var job in queued) await job.Completion;
        Assert.All(queued, j => Assert.Null(j.Error));
        // Once they are done, the reviewer may upload again.
        Assert.Equal(HttpStatusCode.Redirect, (await Upload(reviewer, "batch-4.txt")).StatusCode);
    }
}
