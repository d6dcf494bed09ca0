using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Nianbao.Storage;
using Nianbao.Web;
using Nianbao.Web.Accounts;

namespace Nianbao.Web.Tests.Support;

/// <summary>
/// The real application on a real loopback port (Kestrel, port chosen by the OS) over a fresh SQLite store, with
/// an administrator and a reviewer. Browsers and HTTP clients talk to it as they would in production.
/// </summary>
public sealed partial class RunningApp : IAsyncDisposable
{
    public const string AdminName = "admin", AdminPassword = "admin-password-1";
    public const string ReviewerName = "reviewer", ReviewerPassword = "reviewer-password-1";

    private readonly WebApplication _app;
    private readonly string _folder;

    public string BaseUrl { get; }

    /// <summary>The temporary folder of this run (the SQLite file and the key ring are in it).</summary>
    public string Folder => _folder;
    public ReportStore Store { get; }
    public AccountService Accounts { get; }

    private RunningApp(WebApplication app, string baseUrl, ReportStore store, string folder)
    {
        _app = app;
        BaseUrl = baseUrl;
        Store = store;
        _folder = folder;
        Accounts = new AccountService(store);
    }

    /// <param name="backend"><c>sqlite</c> (a temp file) or <c>postgres</c> (a new schema in the server of the PG* variables, as <c>./test</c> starts it).</param>
    /// <param name="configure">Changes to the options (a tiny rate limit, forwarded headers) before the app is built.</param>
    /// <param name="withUsers">false: no user at all, as a new installation starts (<c>serve</c> then creates the first admin).</param>
    public static async Task<RunningApp> StartAsync(bool readRequiresLogin = false, long maxUploadBytes = 256L * 1024 * 1024, string backend = "sqlite", int maxFiles = 2000,
        Func<WebOptions, WebOptions>? configure = null, bool withUsers = true)
    {
        var folder = Directory.CreateTempSubdirectory("nianbao-web-").FullName;
        var location = backend == "sqlite" ? StoreLocation.Parse(Path.Combine(folder, "web.db")) : PostgresSchema();
        var store = ReportStore.Open(location);
        var accounts = new AccountService(store);
        if (withUsers)
        {
            accounts.AddUser(AdminName, AdminPassword, UserRoles.Admin);
            accounts.AddUser(ReviewerName, ReviewerPassword, UserRoles.Reviewer);
        }
        var options = new WebOptions(location, "http://127.0.0.1:0", readRequiresLogin, maxUploadBytes, maxFiles)
        {
            // PostgreSQL has no store folder: the key ring goes to this run's temporary folder, not the user profile.
            KeysFolder = backend == "sqlite" ? null : Path.Combine(folder, "keys"),
        };
        var app = WebApp.Build(configure?.Invoke(options) ?? options, store, logging: _ => { });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningApp(app, address.TrimEnd('/'), store, folder);
    }

    private static StoreLocation PostgresSchema()
    {
        if (Environment.GetEnvironmentVariable("PGHOST") is null)
            throw new InvalidOperationException("PostgreSQL 测试需要 PG* 环境变量：请用 ./test 运行（它用 pg_virtualenv 启动临时 PostgreSQL）");
        var schema = "web_" + Guid.NewGuid().ToString("N");
        using (var c = new Npgsql.NpgsqlConnection(StoreLocation.FromPgEnvironment().ConnectionString))
        {
            c.Open();
            using var create = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            create.ExecuteNonQuery();
        }
        return StoreLocation.FromPgEnvironment(searchPath: schema);
    }

    /// <summary>
    /// An HTTP client with its own cookie jar that does not follow redirects (tests look at them). With
    /// <paramref name="from"/>, its connections leave from that loopback address (all of 127.0.0.0/8 is the loopback
    /// on Linux), so the server sees another client address.
    /// </summary>
    public HttpClient Client(IPAddress? from = null)
    {
        var jar = new CookieContainer();
        var handler = new SocketsHttpHandler { CookieContainer = jar, AllowAutoRedirect = false };
        if (from is not null)
            handler.ConnectCallback = async (context, cancel) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
        Jars.Add(client, jar);
        return client;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> Jars = new();

    /// <summary>The Cookie header a client of <see cref="Client"/> sends now: a copy of its session, as someone could save it.</summary>
    public string CookieHeader(HttpClient client) =>
        Jars.TryGetValue(client, out var jar) ? jar.GetCookieHeader(new Uri(BaseUrl)) : throw new ArgumentException("not a client of this app");

    /// <summary>A client without a cookie jar that sends exactly <paramref name="cookie"/> (and headers the test adds).</summary>
    public HttpClient RawClient(string? cookie = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        if (cookie is not null) client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>A service of the running application (its sign-in throttle, its job queue).</summary>
    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>A client signed in through the login form, as a browser would (antiforgery token included).</summary>
    public async Task<HttpClient> SignedInClient(string name, string password, IPAddress? from = null)
    {
        var client = Client(from);
        var token = await AntiforgeryToken(client, "/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = name, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"login as {name} failed: {response.StatusCode}");
        return client;
    }

    /// <summary>The hidden antiforgery field of the first form on a page.</summary>
    public static async Task<string> AntiforgeryToken(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"no antiforgery token on {path}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
