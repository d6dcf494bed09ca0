using System.CommandLine;
using Nianbao.Storage;
using Nianbao.Web.Accounts;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao users add|token|list</c>: accounts of the web application, for operators with a terminal.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var name = new Argument<string>("用户名");
        var role = new Option<string>("--role") { Description = "reviewer（审核员：上传、更正）或 admin（管理员：另可管理用户）", DefaultValueFactory = _ => UserRoles.Reviewer };
        var add = new Command("add", "添加用户；密码从标准输入读取一行（不在命令行中出现）") { db, name, role };
        add.SetAction(pr => Run(pr, db, store =>
        {
            var password = Console.In.ReadLine() ?? "";
            new AccountService(store).AddUser(pr.GetValue(name)!, password, pr.GetValue(role)!);
            AnsiConsole.MarkupLine($"已添加用户 {Markup.Escape(pr.GetValue(name)!)}（{Markup.Escape(pr.GetValue(role)!)}）");
        }));
        var label = new Option<string?>("--label") { Description = "令牌用途说明" };
        var token = new Command("token", "为用户生成 API 令牌（只显示一次）") { db, name, label };
        token.SetAction(pr => Run(pr, db, store => Console.Out.WriteLine(new AccountService(store).CreateToken(pr.GetValue(name)!, pr.GetValue(label)))));
        var list = new Command("list", "列出用户") { db };
        list.SetAction(pr => Run(pr, db, store =>
        {
            foreach (var u in store.ListUsers()) Console.Out.WriteLine($"{u.Name}\t{u.Role}\t{u.CreatedAt}");
        }));
        return new Command("users", "管理网页界面的用户与 API 令牌") { add, token, list };
    }

    private static int Run(ParseResult pr, Option<string?> db, Action<ReportStore> action)
    {
        if (StoreOptions.Open(pr, db) is not { } store) return ExitCodes.Unreadable;
        try
        {
            action(store);
            return ExitCodes.Ok;
        }
        catch (StoreException e)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.Unreadable;
        }
    }
}
