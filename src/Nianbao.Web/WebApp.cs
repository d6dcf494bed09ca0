using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nianbao.Storage;
using Nianbao.Web.Accounts;
using Nianbao.Web.Api;
using Nianbao.Web.Uploads;

namespace Nianbao.Web;

/// <summary>
/// The reviewers' web application: server-rendered Razor Pages over the same store as the CLI, a small JSON API for
/// scripts, assets (ECharts included) served from the assembly so the page works on an intranet.
/// </summary>
public static class WebApp
{
    public const string ReadPolicy = "read";

    public static WebApplication Build(WebOptions options, ReportStore store, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Razor Pages are found in this assembly whichever program (the CLI, a test) hosts it.
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(options.Urls);
        // The small limit for every request; RequestLimits raises it on the upload routes once the request is authorised.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestLimits.Default(options));
        builder.Logging.ClearProviders();
        if (logging is null)
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
                // "No XML encryptor configured" at each new key: outside Windows the key files are protected by their modes (KeyRing).
                .AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        else logging(builder.Logging);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(store);
        services.AddSingleton<UploadJobs>();
        services.AddSingleton<AccountService>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<PageImageCache>();
        KeyRing.Add(services, options);
        RateLimits.Add(services, options);
        if (options.BehindProxy)
            services.Configure<ForwardedHeadersOptions>(f =>
            {
                f.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // The defaults trust the loopback (a proxy on the same machine); others are named with --known-proxy.
                foreach (var proxy in options.KnownProxies) f.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            });
        // Secure cookies whenever the browser's request was https (directly, or at the proxy when forwarded headers are on).
        var secure = HttpsOnly(options.Urls) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        // Only the Host names of the binding are answered (see AllowedHosts); the default builder runs the middleware.
        services.PostConfigure<HostFilteringOptions>(h => h.AllowedHosts = [.. Nianbao.Web.AllowedHosts.From(options.Urls)]);
        // Chinese stays Chinese in the HTML (the default encoder writes &#x…; for every CJK character); <, >, & and quotes are still encoded.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = options.MaxUploadBytes;
            f.ValueCountLimit = 4096;
        });
        services.AddAuthentication(Schemes.Either)
            .AddPolicyScheme(Schemes.Either, null, p => p.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal) ? Schemes.Token : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, c =>
            {
                c.LoginPath = "/account/login";
                c.AccessDeniedPath = "/account/denied";
                c.Cookie.Name = "nianbao.auth";
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Strict;
                c.Cookie.SecurePolicy = secure;
                c.SlidingExpiration = true;
                c.ExpireTimeSpan = TimeSpan.FromHours(8);
                // Scripts get status codes, not a redirect to the login page.
                c.Events.OnRedirectToLogin = ctx => Deny(ctx, StatusCodes.Status401Unauthorized);
                c.Events.OnRedirectToAccessDenied = ctx => Deny(ctx, StatusCodes.Status403Forbidden);
                // The cookie is proof of a session only while the user's security stamp is unchanged; the role comes from the store.
                c.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(Schemes.Token, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(UserRoles.Reviewer, p => p.RequireRole(UserRoles.Reviewer, UserRoles.Admin))
            .AddPolicy(UserRoles.Admin, p => p.RequireRole(UserRoles.Admin))
            .AddPolicy(ReadPolicy, p =>
            {
                if (options.ReadRequiresLogin) p.RequireAuthenticatedUser();
                else p.RequireAssertion(_ => true);
            });
        services.AddAntiforgery(a =>
        {
            a.HeaderName = "X-CSRF-TOKEN";
            a.Cookie.SecurePolicy = secure;
        });
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", ReadPolicy);
            o.Conventions.AllowAnonymousToFolder("/Account");
            o.Conventions.AuthorizePage("/Upload", UserRoles.Reviewer);
            // A job shows its uploader's files: reviewers only, and the page itself admits the owner or an admin.
            o.Conventions.AuthorizeFolder("/Jobs", UserRoles.Reviewer);
            o.Conventions.AuthorizeFolder("/Admin", UserRoles.Admin);
            // Batches name their uploaders and files: reviewers only; retry and rollback are for the uploader or an admin.
            o.Conventions.AuthorizeFolder("/Batches", UserRoles.Reviewer);
        });

        var app = builder.Build();
        // First: everything after it (rate limits, throttle, cookie policy) sees the client's address and scheme.
        if (options.BehindProxy) app.UseForwardedHeaders();
        app.UseExceptionHandler("/error");
        app.Use(SecurityHeaders);
        app.UseRouting();
        // Before authentication: a limited client costs no database lookup of its cookie or token.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use(PasswordChangeGate.Apply);
        app.UseAuthorization();
        app.Use(RequestLimits.Apply);
        app.UseAntiforgery();
        app.MapGet("/assets/{name}", Assets.Serve).AllowAnonymous();
        // Every method: the handler re-executes the failed request's method here.
        app.Map("/error", () => Results.Problem("服务器内部错误，请查看服务日志", statusCode: 500)).AllowAnonymous();
        ReportsApi.Map(app);
        ReviewApi.Map(app);
        ReviewsApi.Map(app);
        app.MapRazorPages();
        return app;
    }

    /// <summary>Every address of the binding is https: cookies are never sent over plain http.</summary>
    private static bool HttpsOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    public static class Schemes
    {
        public const string Either = "cookie-or-token";
        public const string Token = "token";
    }

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || ctx.Request.Method != HttpMethods.Get)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>No inline or foreign script may run: an uploaded report's text that slipped through encoding still could not execute.</summary>
    private static Task SecurityHeaders(HttpContext ctx, Func<Task> next)
    {
        var h = ctx.Response.Headers;
        h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "same-origin";
        return next();
    }
}
