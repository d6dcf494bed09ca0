using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Nianbao.Storage;
using Nianbao.Web.Accounts;
using Nianbao.Web.Tests.Support;

namespace Nianbao.Web.Tests;

/// <summary>
/// Issue 13 over real HTTP against the running app: sign-in attempts cost bounded memory and lock no one out, bodies
/// are small except on upload routes, foreign Host names are refused, exported CSV holds no formulas, upload jobs
/// and reviewer names are not for everyone.
/// </summary>
public sealed class HardeningTests
{
    private static readonly IPAddress Elsewhere = IPAddress.Parse("127.0.0.2");

    private static byte[] Sample() => File.ReadAllBytes(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt").Order().First());

    private static MultipartFormDataContent Files(string field, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files) form.Add(new ByteArrayContent(bytes), field, name);
        return form;
    }

    private static async Task<HttpResponseMessage> SignIn(HttpClient client, string name, string password) =>
        await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = name, ["password"] = password, ["__RequestVerificationToken"] = await RunningApp.AntiforgeryToken(client, "/account/login"),
        }));

    /// <summary>Uploads the first sample with a reviewer's token and answers its report id.</summary>
    private static async Task<long> Stored(RunningApp app)
    {
        using var script = app.Client();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Accounts.CreateToken(RunningApp.ReviewerName, null));
        var response = await script.PostAsync("/api/reports", Files("files", ("a.txt", Sample())));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement[0].GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task The_right_password_from_another_address_gets_in_while_one_address_hammers_the_name()
    {
        await using var app = await RunningApp.StartAsync();
        using var attacker = app.Client(Elsewhere);
        for (var i = 0; i <= SignInThrottle.FreeFailures; i++)
            Assert.Equal(HttpStatusCode.OK, (await SignIn(attacker, RunningApp.AdminName, "guess-" + i)).StatusCode);
        // The hammering address waits, right password or not ...
        var held = await SignIn(attacker, RunningApp.AdminName, RunningApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Contains("连续多次密码错误", await held.Content.ReadAsStringAsync());
        // ... while the administrator, from an address that has not failed, signs in.
        using var admin = await app.SignedInClient(RunningApp.AdminName, RunningApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Long_sign_in_names_are_cut_before_anything_is_kept_or_shown()
    {
        await using var app = await RunningApp.StartAsync();
        var throttle = app.Service<SignInThrottle>();
        using var client = app.Client();
        for (var i = 0; i < 8; i++)
        {
            var name = i + new string('x', 300_000);
            var response = await SignIn(client, name, "whatever");
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("用户名或密码不正确", page);
            Assert.True(page.Length < 50_000, $"the page echoed the name: {page.Length} characters");
        }
        Assert.Equal(8, throttle.Count);
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Distinct_names_never_grow_the_throttle_past_its_capacity_and_the_oldest_go_first()
    {
        var throttle = new SignInThrottle(new Clock());
        for (var i = 0; i < SignInThrottle.FreeFailures; i++) throttle.Failed("10.0.0.9", "victim");
        Assert.NotNull(throttle.Wait("10.0.0.9", "victim"));
        var longName = new string('名', 10_000);
        for (var i = 0; i < SignInThrottle.Capacity + 500; i++) throttle.Failed("10.0.0.1", i + longName);
        Assert.Equal(SignInThrottle.Capacity, throttle.Count);
        // The least recently failed pair was forgotten; the newest are remembered (as one name each, cut to the cap).
        Assert.Null(throttle.Wait("10.0.0.9", "victim"));
        for (var i = 1; i < SignInThrottle.FreeFailures; i++) throttle.Failed("10.0.0.1", (SignInThrottle.Capacity + 499) + longName);
        Assert.NotNull(throttle.Wait("10.0.0.1", (SignInThrottle.Capacity + 499) + longName));
        Assert.Equal(SignInThrottle.MaxNameLength, SignInThrottle.Normalize(longName).Length);
    }

    [Fact]
    public void The_wait_grows_with_each_failure_per_address_and_is_forgotten_later()
    {
        var clock = new Clock();
        var throttle = new SignInThrottle(clock);
        for (var i = 1; i < SignInThrottle.FreeFailures; i++) throttle.Failed("10.0.0.1", "admin");
        Assert.Null(throttle.Wait("10.0.0.1", "admin"));
        throttle.Failed("10.0.0.1", "admin");
        Assert.Equal(SignInThrottle.FirstDelay, throttle.Wait("10.0.0.1", " ADMIN "));
        Assert.Null(throttle.Wait("10.0.0.2", "admin"));
        clock.Now += SignInThrottle.FirstDelay;
        Assert.Null(throttle.Wait("10.0.0.1", "admin"));
        throttle.Failed("10.0.0.1", "admin");
        Assert.Equal(SignInThrottle.FirstDelay * 2, throttle.Wait("10.0.0.1", "admin"));
        for (var i = 0; i < 20; i++) throttle.Failed("10.0.0.1", "admin");
        Assert.Equal(SignInThrottle.MaxDelay, throttle.Wait("10.0.0.1", "admin"));
        clock.Now += SignInThrottle.Memory;
        Assert.Null(throttle.Wait("10.0.0.1", "admin"));
        Assert.Equal(0, throttle.Count);
        // A success clears the pair at once.
        for (var i = 0; i < SignInThrottle.FreeFailures; i++) throttle.Failed("10.0.0.1", "admin");
        throttle.Succeeded("10.0.0.1", "admin");
        Assert.Null(throttle.Wait("10.0.0.1", "admin"));
    }

    [Fact]
    public async Task A_large_anonymous_post_is_refused_before_its_body_is_read()
    {
        await using var app = await RunningApp.StartAsync();
        var uri = new Uri(app.BaseUrl);
        // Headers declaring 5 MB and only a few bytes of body: an answer can only come without reading the body.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, uri.Port);
        var stream = tcp.GetStream();
        var head = $"POST /account/login HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
                   $"Content-Length: {5 * 1024 * 1024}\r\n\r\nname=admin&password=";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("HTTP/1.1 413", status);

        // A body a little over the small limit is drained and answered with the reason (no broken pipe).
        using var client = app.Client();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = new string('x', 2 * 1024 * 1024), ["password"] = "x" });
        var refused = await client.PostAsync("/account/login", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("超过上限", await refused.Content.ReadAsStringAsync());
        // Anonymous on an upload route: refused for who it is, not for its size.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/reports", Files("files", ("big.txt", new byte[2 * 1024 * 1024])))).StatusCode);
        // The upload route, authorised, still takes a body above the small limit (read in full: the field is wrong).
        using var script = app.Client();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Accounts.CreateToken(RunningApp.ReviewerName, null));
        var wrongField = await script.PostAsync("/api/reports", Files("other", ("big.txt", new byte[2 * 1024 * 1024])));
        Assert.Equal(HttpStatusCode.BadRequest, wrongField.StatusCode);
        Assert.Contains("字段名应为 files", await wrongField.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_foreign_host_name_is_refused_and_the_loopback_names_are_answered()
    {
        await using var app = await RunningApp.StartAsync();
        var port = new Uri(app.BaseUrl).Port;
        using var client = app.Client();
        async Task<HttpStatusCode> Get(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Host = host;
            return (await client.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.BadRequest, await Get("rebound.example.com"));
        Assert.Equal(HttpStatusCode.BadRequest, await Get($"rebound.example.com:{port}"));
        Assert.Equal(HttpStatusCode.OK, await Get($"localhost:{port}"));
        Assert.Equal(HttpStatusCode.OK, await Get($"127.0.0.1:{port}"));
    }

    [Fact]
    public void Allowed_hosts_follow_the_binding()
    {
        Assert.Equal(["localhost", "127.0.0.1", "[::1]"], AllowedHosts.From("http://127.0.0.1:5080"));
        Assert.Equal(["nianbao.example.gov.cn"], AllowedHosts.From("http://nianbao.example.gov.cn:80"));
        Assert.Equal(["*"], AllowedHosts.From("http://127.0.0.1:5080;http://0.0.0.0:5081"));
        Assert.Equal(["*"], AllowedHosts.From("http://+:5080"));
        Assert.Contains("[::1]", AllowedHosts.From("http://[::1]:5080"));
    }

    [Fact]
    public async Task The_csv_export_writes_formula_like_text_safely_and_negative_numbers_as_numbers()
    {
        await using var app = await RunningApp.StartAsync();
        var id = await Stored(app);
        var formula = "=HYPERLINK(\"http://evil.example\",\"点击\")市局";
        id = app.Store.SetIdentity(id, formula, null, "测试", RunningApp.ReviewerName).Listing.Id;
        using var client = app.Client();
        var csv = await client.GetStringAsync("/export/csv");
        var rows = Read(csv, "agency");
        Assert.NotEmpty(rows);
        Assert.All(rows, agency => Assert.Equal("'" + formula, agency));

        // A negative number is data, not a formula: cells and findings keep their numbers, their text is guarded.
        var stored = app.Store.Get(id)!;
        var cells = stored.Report.Cells.ToDictionary();
        cells["t3.new_received.total"] = cells["t3.new_received.total"] with { Value = -10m };
        var finding = new Nianbao.Template.Finding("X1", Nianbao.Template.Severity.Error, "-差额为负", ["t3.new_received.total"], "-3", "=1+2");
        var crafted = stored with { Report = stored.Report with { Cells = cells, Findings = [finding] } };
        var cellsCsv = new MemoryStream();
        Nianbao.Export.CsvExport.WriteCells([crafted], cellsCsv);
        var values = Read(System.Text.Encoding.UTF8.GetString(cellsCsv.ToArray()), "key", "value");
        Assert.Contains("t3.new_received.total\n-10", values);
        var findingsCsv = new MemoryStream();
        Nianbao.Export.CsvExport.WriteFindings([crafted], findingsCsv);
        var found = Read(System.Text.Encoding.UTF8.GetString(findingsCsv.ToArray()), "rule", "message", "expected", "actual");
        Assert.Contains("X1\n'-差额为负\n-3\n'=1+2", found);
    }

    /// <summary>The named columns of every record, joined by a newline, read back with CsvHelper.</summary>
    private static List<string> Read(string csv, params string[] columns)
    {
        using var reader = CsvReader.Create(new StringReader(csv.TrimStart('\uFEFF')), null, leaveOpen: false);
        var rows = new List<string>();
        while (reader.Read()) rows.Add(string.Join("\n", columns.Select(c => reader.GetString(c))));
        return rows;
    }

    [Fact]
    public async Task A_job_is_seen_by_its_uploader_and_admins_only()
    {
        await using var app = await RunningApp.StartAsync();
        app.Accounts.AddUser("reviewer2", "reviewer-password-2", UserRoles.Reviewer);
        using var owner = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        var form = Files("files", ("a.txt", Sample()));
        form.Add(new StringContent(await RunningApp.AntiforgeryToken(owner, "/upload")), "__RequestVerificationToken");
        var uploaded = await owner.PostAsync("/upload", form);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var page = uploaded.Headers.Location!.OriginalString;
        var api = "/api" + page;

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(api)).StatusCode);
        using var anonymous = app.Client();
        var toLogin = await anonymous.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.StartsWith("/account/login", toLogin.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(api)).StatusCode);
        using var other = await app.SignedInClient("reviewer2", "reviewer-password-2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(api)).StatusCode);
        using var admin = await app.SignedInClient(RunningApp.AdminName, RunningApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(api)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_readers_see_no_reviewer_names_in_a_reports_history()
    {
        await using var app = await RunningApp.StartAsync();
        var id = await Stored(app);
        app.Store.Apply(id, "t3.new_received.total", 7m, "核对原文", RunningApp.ReviewerName);
        using var anonymous = app.Client();
        var shown = await anonymous.GetStringAsync($"/reports/{id}");
        Assert.Contains("核对原文", shown);
        Assert.DoesNotContain($"<td>{RunningApp.ReviewerName}</td>", shown);
        Assert.Contains("<td>审核员</td>", shown);
        using var reviewer = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        Assert.Contains($"<td>{RunningApp.ReviewerName}</td>", await reviewer.GetStringAsync($"/reports/{id}"));
    }

    private static byte[] Zip(int entries, Func<int, string> name, string? comment = null)
    {
        var bytes = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(bytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            if (comment is not null) archive.Comment = comment;
            for (var i = 0; i < entries; i++)
            {
                using var entry = archive.CreateEntry(name(i), System.IO.Compression.CompressionLevel.NoCompression).Open();
                entry.Write(Encoding.ASCII.GetBytes("entry " + i));
            }
        }
        return bytes.ToArray();
    }

    [Fact]
    public async Task A_zip_listing_more_entries_than_a_batch_may_hold_is_refused_before_its_entries_are_read()
    {
        await using var app = await RunningApp.StartAsync(maxFiles: 10);
        var zip = Zip(30, i => $"folder/{i}.txt");
        // The second entry's local header is broken: reading entries would stop there with "damaged", not with the count.
        var second = zip.AsSpan(4).IndexOf("PK\u0003\u0004"u8) + 4;
        zip[second] = (byte)'X';
        using var script = app.Client();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Accounts.CreateToken(RunningApp.ReviewerName, null));
        var response = await script.PostAsync("/api/reports", Files("files", ("batch.zip", zip)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("含 30 个条目", await response.Content.ReadAsStringAsync());
        Assert.Empty(app.Store.List(new ReportFilter()));
    }

    [Fact]
    public void A_zips_entry_count_is_read_from_its_end_record_zip64_included()
    {
        Assert.Equal(3, Nianbao.Web.Uploads.ZipDirectory.EntryCount(new MemoryStream(Zip(3, i => i + ".txt", comment: "PK\u0005\u0006 in a comment"))));
        Assert.Equal(70_000, Nianbao.Web.Uploads.ZipDirectory.EntryCount(new MemoryStream(Zip(70_000, i => i.ToString(CultureInfo.InvariantCulture)))));
        Assert.Null(Nianbao.Web.Uploads.ZipDirectory.EntryCount(new MemoryStream(new byte[100])));
    }

    [Fact]
    public void Same_named_files_of_a_batch_are_numbered_once_each()
    {
        var names = new Nianbao.Web.Uploads.BatchNames();
        Assert.Equal("a.txt", names.Unique("a.txt"));
        Assert.Equal("a.txt (2)", names.Unique("a.txt"));
        Assert.Equal("a.txt (3)", names.Unique("a.txt (3)"));
        Assert.Equal("a.txt (4)", names.Unique("a.txt"));
        Assert.Equal("a.txt (3) (2)", names.Unique("a.txt (3)"));
        var many = Enumerable.Range(0, 5_000).Select(_ => names.Unique("同名.pdf")).ToList();
        Assert.Equal(5_000, many.Distinct().Count());
        Assert.Equal("同名.pdf (5000)", many[^1]);
    }
}
