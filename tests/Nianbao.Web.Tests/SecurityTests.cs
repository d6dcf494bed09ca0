using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Nianbao.Storage;
using Nianbao.Web.Tests.Support;

namespace Nianbao.Web.Tests;

/// <summary>Who may do what, over real HTTP against the running app: writes need the right role and a CSRF token or an API token.</summary>
public sealed class SecurityTests
{
    private static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files) form.Add(new ByteArrayContent(bytes), "files", name);
        return form;
    }

    private static byte[] Sample() => File.ReadAllBytes(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt").Order().First());

    [Fact]
    public async Task Writes_without_sign_in_are_refused_and_nothing_is_stored()
    {
        await using var app = await RunningApp.StartAsync();
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/reports", Files(("a.txt", Sample())))).StatusCode);
        var upload = await anonymous.GetAsync("/upload");
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.StartsWith("/account/login", upload.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/admin/users")).StatusCode);
        // A correction posted by someone not signed in (with a valid antiforgery pair from the page) is still refused.
        var token = await RunningApp.AntiforgeryToken(anonymous, "/account/login");
        var correction = await anonymous.PostAsync("/reports/1?handler=Correct", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = "t3.new_received.total", ["value"] = "1", ["reason"] = "x", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, correction.StatusCode);
        Assert.Empty(app.Store.List(new ReportFilter()));
        // Reading is open by default: the list answers.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_reviewer_cannot_manage_users_and_an_admin_can()
    {
        await using var app = await RunningApp.StartAsync();
        using var reviewer = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        var denied = await reviewer.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(denied.Headers.Location)).StatusCode);
        using var admin = await app.SignedInClient(RunningApp.AdminName, RunningApp.AdminPassword);
        var token = await RunningApp.AntiforgeryToken(admin, "/admin/users");
        var added = await admin.PostAsync("/admin/users?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "王审核", ["password"] = "long-enough-1", ["role"] = "reviewer", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("已添加用户 王审核", await added.Content.ReadAsStringAsync());
        var user = app.Store.FindUser("王审核")!;
        Assert.Equal("reviewer", user.Role);
        Assert.DoesNotContain("long-enough-1", user.PasswordHash);
        Assert.NotNull(app.Accounts.SignIn("王审核", "long-enough-1"));
        Assert.Null(app.Accounts.SignIn("王审核", "wrong-password"));

        // A token issued on the page works for scripts until the admin revokes it there.
        var issued = await admin.PostAsync("/admin/users?handler=Token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "王审核", ["label"] = "每日导入", ["__RequestVerificationToken"] = await RunningApp.AntiforgeryToken(admin, "/admin/users"),
        }));
        var page = await issued.Content.ReadAsStringAsync();
        var apiToken = System.Text.RegularExpressions.Regex.Match(page, "<code id=\"new-token\">(nb_[0-9a-f]+)</code>").Groups[1].Value;
        Assert.StartsWith("nb_", apiToken);
        Assert.DoesNotContain(apiToken, string.Join("", app.Store.ListTokens().Select(t => t.TokenSha256)));
        using var script = app.Client();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        Assert.Equal(HttpStatusCode.OK, (await script.PostAsync("/api/reports", Files(("a.txt", Sample())))).StatusCode);
        var listed = Assert.Single(app.Store.ListTokens());
        Assert.Equal(("王审核", "每日导入"), (listed.UserName, listed.Label));
        var revoked = await admin.PostAsync("/admin/users?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = listed.TokenSha256, ["__RequestVerificationToken"] = await RunningApp.AntiforgeryToken(admin, "/admin/users"),
        }));
        Assert.Contains("已撤销令牌", await revoked.Content.ReadAsStringAsync());
        Assert.Empty(app.Store.ListTokens());
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.PostAsync("/api/reports", Files(("b.txt", Sample())))).StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_make_that_address_wait_for_that_name()
    {
        await using var app = await RunningApp.StartAsync();
        using var client = app.Client();
        async Task<string> Attempt(string password)
        {
            var token = await RunningApp.AntiforgeryToken(client, "/account/login");
            var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = RunningApp.ReviewerName, ["password"] = password, ["__RequestVerificationToken"] = token,
            }));
            return response.StatusCode == HttpStatusCode.Redirect ? "signed in" : await response.Content.ReadAsStringAsync();
        }
        for (var i = 0; i < Accounts.SignInThrottle.FreeFailures; i++) Assert.Contains("用户名或密码不正确", await Attempt("wrong-" + i));
        // This address waits now: even the right password is refused, with the reason.
        Assert.Contains("连续多次密码错误", await Attempt(RunningApp.ReviewerPassword));
        // Another user is not affected.
        using var admin = await app.SignedInClient(RunningApp.AdminName, RunningApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_post_without_the_csrf_token_is_refused()
    {
        await using var app = await RunningApp.StartAsync();
        using var reviewer = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        var api = await reviewer.PostAsync("/api/reports", Files(("a.txt", Sample())));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("CSRF", await api.Content.ReadAsStringAsync());
        var page = await reviewer.PostAsync("/upload", Files(("a.txt", Sample())));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Empty(app.Store.List(new ReportFilter()));
        // The same upload with the page's token goes through.
        var token = await RunningApp.AntiforgeryToken(reviewer, "/upload");
        var form = Files(("a.txt", Sample()));
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var ok = await reviewer.PostAsync("/upload", form);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.StartsWith("/jobs/", ok.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_api_ingests_with_a_token_and_answers_with_parse_json_objects(string backend)
    {
        await using var app = await RunningApp.StartAsync(readRequiresLogin: true, backend: backend);
        var token = app.Accounts.CreateToken(RunningApp.ReviewerName, "script");
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/reports")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nb_not_a_token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/reports", Files(("a.txt", Sample())))).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var junk = Encoding.ASCII.GetBytes("%PDF-1.4\nnot really a pdf");
        var response = await client.PostAsync("/api/reports", Files(("a.txt", Sample()), ("junk.pdf", junk)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var answer = JsonDocument.Parse(body);
        var objects = answer.RootElement.EnumerateArray().ToDictionary(o => o.GetProperty("source").GetString()!);
        Assert.True(objects.ContainsKey("a.txt"), body);
        var report = objects["a.txt"];
        Assert.Equal("stored", report.GetProperty("outcome").GetString());
        Assert.Equal("鹤岗市创业创新和电子商务服务中心", report.GetProperty("agency").GetString());
        Assert.Equal(2020, report.GetProperty("year").GetInt32());
        Assert.Equal(JsonValueKind.Object, report.GetProperty("cells").ValueKind);
        Assert.True(objects.ContainsKey("junk.pdf"), body);
        Assert.Equal("failed", objects["junk.pdf"].GetProperty("outcome").GetString());
        Assert.Contains("PDF", objects["junk.pdf"].GetProperty("error").GetProperty("message").GetString());

        // Listing by year and region answers the stored report with its id.
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/reports?year=2020&region=鹤岗市"));
        var listed = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal(report.GetProperty("id").GetInt64(), listed.GetProperty("id").GetInt64());
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync("/api/reports?year=2019")).RootElement.EnumerateArray());
        // With reading behind login, an anonymous page request goes to the login page.
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Uploads_over_the_limits_are_refused_with_a_reason()
    {
        await using var app = await RunningApp.StartAsync(maxUploadBytes: 64 * 1024);
        var token = app.Accounts.CreateToken(RunningApp.ReviewerName, null);
        using var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var big = await client.PostAsync("/api/reports", Files(("big.txt", new byte[200 * 1024])));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Contains("超过上限", await big.Content.ReadAsStringAsync());
        // The same through the upload page of a signed-in reviewer (the antiforgery check reads the body first).
        using var reviewer = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        var form = Files(("big.txt", new byte[200 * 1024]));
        form.Add(new StringContent(await RunningApp.AntiforgeryToken(reviewer, "/upload")), "__RequestVerificationToken");
        var page = await reviewer.PostAsync("/upload", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        Assert.Contains("超过上限", await page.Content.ReadAsStringAsync());

        // A zip whose entries expand past the limit stops while reading, whatever its headers claim.
        var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry("bomb.txt").Open())
            for (var i = 0; i < 64; i++) entry.Write(new byte[64 * 1024]);
        Assert.True(zip.Length < 64 * 1024);
        var bomb = await client.PostAsync("/api/reports", Files(("bomb.zip", zip.ToArray())));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bomb.StatusCode);
        Assert.Contains("上限", await bomb.Content.ReadAsStringAsync());
        // An archive that cannot be opened refuses the batch with its name, as a bad request.
        var broken = await client.PostAsync("/api/reports", Files(("batch.zip", [0x50, 0x4B, 0x03, 0x04, .. new byte[512]])));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("压缩包 batch.zip 已损坏", await broken.Content.ReadAsStringAsync());
        Assert.Empty(app.Store.List(new ReportFilter()));
    }
}
