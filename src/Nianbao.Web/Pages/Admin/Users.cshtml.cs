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
