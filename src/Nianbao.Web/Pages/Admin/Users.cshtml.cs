using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;
using Nianbao.Web.Accounts;

namespace Nianbao.Web.Pages.Admin;

/// <summary>Administrators add users and issue API tokens (the folder is admin-only by convention in WebApp).</summary>
public sealed class UsersModel(ReportStore store, AccountService accounts) : PageModel
{
    public IReadOnlyList<UserRecord> Users { get; private set; } = [];
    public IReadOnlyList<TokenRecord> Tokens { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IsError { get; private set; }
    public string? NewToken { get; private set; }

    public void OnGet() => Load();

    public void OnPostAdd(string name, string password, string role) => Run(() =>
    {
        accounts.AddUser(name, password, role);
        Message = $"已添加用户 {name.Trim()}";
    });

    public void OnPostToken(string name, string? label) => Run(() =>
    {
        NewToken = accounts.CreateToken(name, label);
        Message = $"已为 {name} 生成令牌";
    });

    /// <summary>A password set for someone else must be changed at their next sign-in; their sessions end now.</summary>
    public void OnPostPassword(string name, string password) => Run(() =>
    {
        // One's own password is changed with the current one, on its page (which also keeps this session).
        if (string.Equals(name, User.Identity?.Name, StringComparison.Ordinal))
            throw new StoreException("修改自己的密码请使用“修改密码”页（/account/password）");
        accounts.SetPassword(name, password, mustChange: true);
        Message = $"已为 {name} 设置新密码（其登录已失效，下次登录须修改密码）";
    });

    public void OnPostRole(string name, string role) => Run(() =>
    {
        store.SetRole(name, role);
        Message = $"已将 {name} 设为{(role == UserRoles.Admin ? "管理员" : "审核员")}（其登录已失效）";
    });

    public void OnPostDisable(string name) => Run(() =>
    {
        store.SetDisabled(name, true);
        Message = $"已停用 {name}（其登录与 API 令牌均已失效）";
    });

    public void OnPostEnable(string name) => Run(() =>
    {
        store.SetDisabled(name, false);
        Message = $"已启用 {name}";
    });

    public void OnPostRemove(string name) => Run(() =>
    {
        store.Remove(name);
        Message = $"已删除用户 {name} 及其 API 令牌（其更正记录保留）";
    });

    public void OnPostRevoke(string token) => Run(() =>
    {
        if (!store.RevokeToken(token)) throw new StoreException("该令牌不存在或已撤销");
        Message = "已撤销令牌";
    });

    private void Load()
    {
        Users = store.ListUsers();
        Tokens = store.ListTokens();
    }

    private void Run(Action action)
    {
        try { action(); }
        catch (StoreException e)
        {
            Message = e.Message;
            IsError = true;
        }
        Load();
    }
}
