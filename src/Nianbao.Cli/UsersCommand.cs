using System.CommandLine;
using Nianbao.Storage;
using Nianbao.Web.Accounts;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary><c>nianbao users add|token|list|passwd|role|disable|enable|remove</c>: accounts of the web application, for operators with a terminal.</summary>
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
            foreach (var u in store.ListUsers())
                Console.Out.WriteLine($"{u.Name}\t{u.Role}\t{u.CreatedAt}{(u.Disabled ? "\t已停用" : "")}{(u.MustChangePassword ? "\t待修改密码" : "")}");
        }));
        var passwd = new Command("passwd", "重设用户密码；新密码从标准输入读取一行。该用户所有已登录的会话随即失效") { db, name };
        passwd.SetAction(pr => Run(pr, db, store =>
        {
            new AccountService(store).SetPassword(pr.GetValue(name)!, Console.In.ReadLine() ?? "");
            AnsiConsole.MarkupLine($"已重设 {Markup.Escape(pr.GetValue(name)!)} 的密码（其登录已失效）");
        }));
        var newRole = new Argument<string>("角色") { Description = "reviewer 或 admin" };
        var setRole = new Command("role", "更改用户角色；该用户所有已登录的会话随即失效（不能降级最后一位管理员）") { db, name, newRole };
        setRole.SetAction(pr => Run(pr, db, store =>
        {
            store.SetRole(pr.GetValue(name)!, pr.GetValue(newRole)!);
            AnsiConsole.MarkupLine($"已将 {Markup.Escape(pr.GetValue(name)!)} 设为 {Markup.Escape(pr.GetValue(newRole)!)}（其登录已失效）");
        }));
        var disable = new Command("disable", "停用用户：不能登录，会话与 API 令牌均失效（不能停用最后一位管理员）") { db, name };
        disable.SetAction(pr => Run(pr, db, store =>
        {
            store.SetDisabled(pr.GetValue(name)!, true);
            AnsiConsole.MarkupLine($"已停用 {Markup.Escape(pr.GetValue(name)!)}");
        }));
        var enable = new Command("enable", "重新启用用户") { db, name };
        enable.SetAction(pr => Run(pr, db, store =>
        {
            store.SetDisabled(pr.GetValue(name)!, false);
            AnsiConsole.MarkupLine($"已启用 {Markup.Escape(pr.GetValue(name)!)}");
        }));
        var remove = new Command("remove", "删除用户及其 API 令牌（其更正记录保留；不能删除最后一位管理员）") { db, name };
        remove.SetAction(pr => Run(pr, db, store =>
        {
            store.Remove(pr.GetValue(name)!);
            AnsiConsole.MarkupLine($"已删除用户 {Markup.Escape(pr.GetValue(name)!)}");
        }));
        return new Command("users", "管理网页界面的用户与 API 令牌") { add, token, list, passwd, setRole, disable, enable, remove };
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
