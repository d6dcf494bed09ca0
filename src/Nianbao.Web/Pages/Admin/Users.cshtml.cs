using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;
using Nianbao.Web.Accounts;

namespace Nianbao.Web.Pages.Admin;

/// <summary>Administrators add users and issue API tokens (the folder is admin-only by convention in WebApp).</summary>
public sealed class UsersModel(ReportStore store, AccountService accounts) : PageModel
{
    public IReadOnlyList<UserRecord> Users { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IsError { get; private set; }
    public string? NewToken { get; private set; }

    public void OnGet() => Users = store.ListUsers();

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

    private void Run(Action action)
    {
        try { action(); }
        catch (StoreException e)
        {
            Message = e.Message;
            IsError = true;
        }
        Users = store.ListUsers();
    }
}
