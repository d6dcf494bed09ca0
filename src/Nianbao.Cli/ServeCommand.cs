using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nianbao.Storage;
using Nianbao.Web;
using Nianbao.Web.Accounts;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao serve</c>: the reviewers' web application on the same store as the other commands.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var urls = new Option<string>("--urls") { Description = "监听地址（默认只监听本机 http://127.0.0.1:5080）", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var readLogin = new Option<bool>("--read-requires-login") { Description = "查看报告也需要登录（默认任何人可查看，上传与更正始终需要登录）" };
        var behindProxy = new Option<bool>("--behind-proxy") { Description = "在反向代理之后运行：采用代理转发的 X-Forwarded-For / X-Forwarded-Proto（客户端地址用于限流，https 时 Cookie 带 Secure）；默认只信任本机代理" };
        var knownProxy = new Option<string[]>("--known-proxy") { Description = "另行信任的代理地址（可重复），与 --behind-proxy 一起使用", AllowMultipleArgumentsPerToken = false };
        var keys = new Option<string?>("--keys") { Description = "登录 Cookie 密钥的存放目录（默认：SQLite 数据库旁的 nianbao-keys；PostgreSQL 为用户数据目录下的 Nianbao/nianbao-keys）" };
        var open = new Option<bool>("--open") { Description = "启动后用默认浏览器打开网页（Linux 上通过 xdg-open）" };
        var command = new Command("serve", "启动网页审核界面：上传报告、逐个数字核对来源、更正并留痕、区域总览") { db, urls, readLogin, behindProxy, knownProxy, keys, open };
        command.SetAction(async (pr, cancel) =>
        {
            if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
            var proxies = pr.GetValue(knownProxy) ?? [];
            if (proxies.FirstOrDefault(p => !System.Net.IPAddress.TryParse(p, out _)) is { } bad)
            {
                AnsiConsole.MarkupLine($"[red]--known-proxy 不是 IP 地址：{Markup.Escape(bad)}[/]");
                return ExitCodes.Unreadable;
            }
            var options = new WebOptions(store.Location, pr.GetValue(urls)!, pr.GetValue(readLogin))
            {
                BehindProxy = pr.GetValue(behindProxy) || proxies.Length > 0,
                KnownProxies = proxies,
                KeysFolder = pr.GetValue(keys),
            };
            await using var app = WebApp.Build(options, store);
            if (new AccountService(store).EnsureFirstAdmin() is { } admin)
                AnsiConsole.MarkupLine($"[yellow]已创建管理员账号 {admin.Name}，初始密码：{Markup.Escape(admin.Password)}（只显示这一次；首次登录须修改密码，之后可在“用户”页添加审核员）[/]");
            try
            {
                await app.StartAsync(cancel);
            }
            catch (IOException e)
            {
                AnsiConsole.MarkupLine($"[red]无法在 {Markup.Escape(options.Urls)} 上启动：{Markup.Escape(e.Message)}（地址被占用时可用 --urls 换一个端口）[/]");
                return ExitCodes.Unreadable;
            }
            // The addresses Kestrel really bound (a port 0 in --urls becomes a free port).
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [options.Urls];
            AnsiConsole.MarkupLine($"数据库 {Markup.Escape(store.Location.Display)}；在浏览器中打开 {Markup.Escape(string.Join(" ", bound))} （Ctrl+C 停止）");
            if (pr.GetValue(open) && bound.FirstOrDefault() is { } first && BrowserLauncher.Open(BrowserLauncher.PageFor(first)) is { } failed)
                AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(failed)}[/]");
            await app.WaitForShutdownAsync(cancel);
            return ExitCodes.Ok;
        });
        return command;
    }
}
