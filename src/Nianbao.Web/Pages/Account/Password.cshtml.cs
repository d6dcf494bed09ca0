using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;
using Nianbao.Web.Accounts;

namespace Nianbao.Web.Pages.Account;

/// <summary>A signed-in user changes their own password; every other session of theirs ends, this one is signed in again.</summary>
public sealed class PasswordModel(AccountService accounts) : PageModel
{
    public bool Required => User.FindFirst(AccountService.MustChangeClaim) is not null;
    public string? Error { get; private set; }

    // The Account folder is open to anonymous visitors (the login page); this page is not.
    private bool SignedIn => User.Identity?.IsAuthenticated == true && User.Identity.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme;

    public IActionResult OnGet() => SignedIn ? Page() : Redirect("/account/login?returnUrl=%2Faccount%2Fpassword");

    public async Task<IActionResult> OnPostAsync(string? current, string? password, string? confirm)
    {
        if (!SignedIn) return Redirect("/account/login?returnUrl=%2Faccount%2Fpassword");
        if (password != confirm)
        {
            Error = "两次输入的新密码不一致";
            return Page();
        }
        try
        {
            var user = accounts.ChangeOwnPassword(User.Identity!.Name!, current ?? "", password ?? "");
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                AccountService.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
            return Redirect("/");
        }
        catch (StoreException e)
        {
            Error = e.Message;
            return Page();
        }
    }
}
