using System.Net;
using Microsoft.Data.Sqlite;
using Nianbao.Storage;
using Nianbao.Web.Tests.Support;

namespace Nianbao.Web.Tests;

/// <summary>
/// Issue 13 item 6 over real HTTP: a session ends for good at logout, at a password or role change, when its user is
/// disabled or removed (a copy of the cookie saved before is refused), the role is the store's and not the cookie's,
/// the last administrator stays, and the generated first administrator's password must be changed before anything else.
/// </summary>
public sealed class SessionTests
{
    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Whether a cookie still opens the reviewers' upload page (a refused session is sent to the login page).</summary>
    private static async Task<bool> Works(RunningApp app, string cookie)
    {
        using var copy = app.RawClient(cookie);
        var response = await copy.GetAsync("/upload");
        if (response.StatusCode == HttpStatusCode.OK) return true;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
        return false;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_cookie_saved_before_logout_is_refused_after_logout(string backend)
    {
        await using var app = await RunningApp.StartAsync(backend: backend);
        using var reviewer = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        var saved = app.CookieHeader(reviewer);
        Assert.True(await Works(app, saved));
        var logout = await Post(reviewer, "/account/logout", await RunningApp.AntiforgeryToken(reviewer, "/"), []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.False(await Works(app, saved));
        // Writes with the copy are refused too (an API call gets the status, not a redirect).
        using var copy = app.RawClient(saved);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/jobs/anything")).StatusCode);
        // Signing in again works, with a new session.
        using var again = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        Assert.True(await Works(app, app.CookieHeader(again)));
    }

    [Theory]
    [InlineData("passwd")]
    [InlineData("role")]
    [InlineData("disable")]
    [InlineData("remove")]
    public async Task A_users_change_through_the_cli_ends_their_sessions(string change)
    {
        await using var app = await RunningApp.StartAsync();
        using var reviewer = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        var saved = app.CookieHeader(reviewer);
        Assert.True(await Works(app, saved));
        // What `nianbao users passwd|role|disable|remove` calls.
        switch (change)
        {
            case "passwd": app.Accounts.SetPassword(RunningApp.ReviewerName, "another-password-2"); break;
            case "role": app.Store.SetRole(RunningApp.ReviewerName, UserRoles.Admin); break;
            case "disable": app.Store.SetDisabled(RunningApp.ReviewerName, true); break;
            case "remove": app.Store.Remove(RunningApp.ReviewerName); break;
        }
        Assert.False(await Works(app, saved));
        using var client = app.Client();
        var token = await RunningApp.AntiforgeryToken(client, "/account/login");
        var signIn = await Post(client, "/account/login", token, new() { ["name"] = RunningApp.ReviewerName, ["password"] = RunningApp.ReviewerPassword });
        // The old password opens nothing after passwd, nor does any password for a disabled or removed user.
        if (change == "role") Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        else Assert.Contains("用户名或密码不正确", await signIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_role_is_read_from_the_store_not_from_the_cookie()
    {
        await using var app = await RunningApp.StartAsync();
        using var admin = await app.SignedInClient(RunningApp.AdminName, RunningApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
        // Changed in the database by hand, stamp untouched: the cookie still says admin, the store does not.
        using (var c = new SqliteConnection(app.Store.Location.ConnectionString))
        {
            c.Open();
            using var update = c.CreateCommand();
            update.CommandText = "UPDATE users SET role = 'reviewer' WHERE name = 'admin'";
            Assert.Equal(1, update.ExecuteNonQuery());
        }
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/upload")).StatusCode);
    }

    [Fact]
    public async Task The_admin_page_changes_users_ends_their_sessions_and_keeps_the_last_admin()
    {
        await using var app = await RunningApp.StartAsync();
        using var admin = await app.SignedInClient(RunningApp.AdminName, RunningApp.AdminPassword);
        using var reviewer = await app.SignedInClient(RunningApp.ReviewerName, RunningApp.ReviewerPassword);
        var saved = app.CookieHeader(reviewer);

        async Task<string> Act(string handler, Dictionary<string, string> fields)
        {
            var response = await Post(admin, "/admin/users?handler=" + handler, await RunningApp.AntiforgeryToken(admin, "/admin/users"), fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        // The only administrator can be neither demoted, disabled nor removed.
        Assert.Contains("唯一可用的管理员", await Act("Role", new() { ["name"] = RunningApp.AdminName, ["role"] = UserRoles.Reviewer }));
        Assert.Contains("唯一可用的管理员", await Act("Disable", new() { ["name"] = RunningApp.AdminName }));
        Assert.Contains("唯一可用的管理员", await Act("Remove", new() { ["name"] = RunningApp.AdminName }));
        Assert.Equal(UserRoles.Admin, app.Store.FindUser(RunningApp.AdminName)!.Role);

        Assert.Contains("修改自己的密码请使用", await Act("Password", new() { ["name"] = RunningApp.AdminName, ["password"] = "whatever-long-1" }));
        // A password set by the admin: the reviewer's session ends and the next sign-in must change it.
        Assert.Contains("已为 reviewer 设置新密码", await Act("Password", new() { ["name"] = RunningApp.ReviewerName, ["password"] = "set-by-admin-1" }));
        Assert.False(await Works(app, saved));
        using var next = await app.SignedInClient(RunningApp.ReviewerName, "set-by-admin-1");
        Assert.Equal("/account/password", (await next.GetAsync("/upload")).Headers.Location!.OriginalString);

        Assert.Contains("已停用 reviewer", await Act("Disable", new() { ["name"] = RunningApp.ReviewerName }));
        Assert.True(app.Store.FindUser(RunningApp.ReviewerName)!.Disabled);
        Assert.Contains("已启用 reviewer", await Act("Enable", new() { ["name"] = RunningApp.ReviewerName }));
        Assert.Contains("已将 reviewer 设为管理员", await Act("Role", new() { ["name"] = RunningApp.ReviewerName, ["role"] = UserRoles.Admin }));
        // Now there are two administrators: the first one may step down, and is signed out by it.
        Assert.Contains("已将 admin 设为审核员", await Act("Role", new() { ["name"] = RunningApp.AdminName, ["role"] = UserRoles.Reviewer }));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(UserRoles.Reviewer, app.Store.FindUser(RunningApp.AdminName)!.Role);

        // A reviewer cannot use the admin page's actions.
        using var plain = await app.SignedInClient(RunningApp.AdminName, RunningApp.AdminPassword);
        var refused = await Post(plain, "/admin/users?handler=Remove", await RunningApp.AntiforgeryToken(plain, "/upload"), new() { ["name"] = RunningApp.ReviewerName });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotNull(app.Store.FindUser(RunningApp.ReviewerName));
    }

    [Fact]
    public async Task The_generated_first_admin_must_change_the_password_before_anything_else()
    {
        await using var app = await RunningApp.StartAsync(withUsers: false);
        var (name, generated) = app.Accounts.EnsureFirstAdmin()!.Value;
        using var admin = app.Client();
        var token = await RunningApp.AntiforgeryToken(admin, "/account/login");
        var signIn = await Post(admin, "/account/login", token, new() { ["name"] = name, ["password"] = generated });
        Assert.Equal("/account/password", signIn.Headers.Location!.OriginalString);
        // Every page leads to the change; writes and the API are refused with the reason.
        foreach (var path in new[] { "/", "/admin/users", "/upload" })
        {
            var page = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/account/password", page.Headers.Location!.OriginalString);
        }
        var api = await admin.GetAsync("/api/jobs/x");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("请先修改初始密码", await api.Content.ReadAsStringAsync());
        var form = await admin.GetAsync("/account/password");
        Assert.Contains("请先设置自己的密码", await form.Content.ReadAsStringAsync());

        token = await RunningApp.AntiforgeryToken(admin, "/account/password");
        var mismatch = await Post(admin, "/account/password", token, new() { ["current"] = generated, ["password"] = "my-own-password-1", ["confirm"] = "my-own-password-2" });
        Assert.Contains("两次输入的新密码不一致", await mismatch.Content.ReadAsStringAsync());
        var wrong = await Post(admin, "/account/password", token, new() { ["current"] = "not-it-at-all", ["password"] = "my-own-password-1", ["confirm"] = "my-own-password-1" });
        Assert.Contains("当前密码不正确", await wrong.Content.ReadAsStringAsync());
        var changed = await Post(admin, "/account/password", token, new() { ["current"] = generated, ["password"] = "my-own-password-1", ["confirm"] = "my-own-password-1" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        // The same browser goes on (signed in again with the new stamp); the flag is gone; the generated password is dead.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
        Assert.False(app.Store.FindUser(name)!.MustChangePassword);
        using var old = app.Client();
        var oldSignIn = await Post(old, "/account/login", await RunningApp.AntiforgeryToken(old, "/account/login"), new() { ["name"] = name, ["password"] = generated });
        Assert.Contains("用户名或密码不正确", await oldSignIn.Content.ReadAsStringAsync());
        using var again = await app.SignedInClient(name, "my-own-password-1");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/admin/users")).StatusCode);
    }
}
