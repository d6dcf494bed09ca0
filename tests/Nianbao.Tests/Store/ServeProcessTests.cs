using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>The README's web walk-through as processes: a user from the terminal, <c>serve</c> on a free port, a token upload.</summary>
public sealed partial class ServeProcessTests
{
    [Fact]
    public async Task Users_and_serve_work_as_the_readme_says()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("nianbao-serve-").FullName, "web.db");
        var add = NianbaoProcess.RunWithInput("a-long-password", "users", "add", "李审核", "--role", "reviewer", "--db", db);
        Assert.True(add.Exit == 0, add.Out + add.Err);
        Assert.Contains("已添加用户 李审核", add.Out);
        var again = NianbaoProcess.RunWithInput("a-long-password", "users", "add", "李审核", "--db", db);
        Assert.Equal(2, again.Exit);
        Assert.Contains("用户已存在", again.Out);
        var shortPassword = NianbaoProcess.RunWithInput("short", "users", "add", "王", "--db", db);
        Assert.Equal(2, shortPassword.Exit);
        Assert.Contains("密码至少 8 位", shortPassword.Out);
        var token = NianbaoProcess.Run("users", "token", "李审核", "--db", db);
        Assert.Equal(0, token.Exit);
        Assert.Matches("^nb_[0-9a-f]{48}$", token.Out.Trim());

        // Managing users from the terminal; the store always keeps an enabled administrator.
        var passwd = NianbaoProcess.RunWithInput("another-long-password", "users", "passwd", "李审核", "--db", db);
        Assert.True(passwd.Exit == 0, passwd.Out + passwd.Err);
        Assert.Contains("已重设 李审核 的密码", passwd.Out);
        Assert.Equal(0, NianbaoProcess.Run("users", "role", "李审核", "admin", "--db", db).Exit);
        var demote = NianbaoProcess.Run("users", "role", "李审核", "reviewer", "--db", db);
        Assert.Equal(2, demote.Exit);
        Assert.Contains("唯一可用的管理员", demote.Out);
        Assert.Equal(0, NianbaoProcess.RunWithInput("a-long-password", "users", "add", "赵", "--db", db).Exit);
        Assert.Equal(0, NianbaoProcess.Run("users", "disable", "赵", "--db", db).Exit);
        Assert.Contains("赵\treviewer", NianbaoProcess.Run("users", "list", "--db", db).Out);
        Assert.Contains("已停用", NianbaoProcess.Run("users", "list", "--db", db).Out);
        Assert.Equal(0, NianbaoProcess.Run("users", "enable", "赵", "--db", db).Exit);
        Assert.Equal(0, NianbaoProcess.Run("users", "remove", "赵", "--db", db).Exit);
        Assert.DoesNotContain("赵", NianbaoProcess.Run("users", "list", "--db", db).Out);
        Assert.Equal(2, NianbaoProcess.Run("users", "remove", "李审核", "--db", db).Exit);

        using var serve = NianbaoProcess.Start("serve", "--db", db, "--urls", "http://127.0.0.1:0");
        try
        {
            var printed = "";
            string? url = null;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (url is null && DateTime.UtcNow < deadline)
            {
                var line = await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                if (line is null) break;
                printed += line + "\n";
                url = Address().Match(printed) is { Success: true } m ? m.Value : null;
            }
            // (stderr is read only on failure: a running server never ends it.)
            if (url is null)
            {
                serve.Kill(entireProcessTree: true);
                Assert.Fail(printed + serve.StandardError.ReadToEnd());
            }
            // A user existed already, so no administrator was created.
            Assert.DoesNotContain("初始密码", printed);

            using var http = new HttpClient { BaseAddress = new Uri(url!) };
            var home = await http.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("报告列表", await home.Content.ReadAsStringAsync());
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Out.Trim());
            var sample = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt").Order().First();
            using var form = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(sample)), "files", Path.GetFileName(sample) } };
            var upload = await http.PostAsync("/api/reports", form);
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            Assert.Contains("\"outcome\":\"stored\"", await upload.Content.ReadAsStringAsync());
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            serve.WaitForExit(10_000);
        }
        var list = NianbaoProcess.Run("list", "--db", db);
        Assert.Contains("鹤岗市创业创新和电子商务服务中心", list.Out);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:[1-9][0-9]*")]
    private static partial Regex Address();
}
