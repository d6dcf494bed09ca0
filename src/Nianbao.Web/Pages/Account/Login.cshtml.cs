using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Web.Accounts;

namespace Nianbao.Web.Pages.Account;

public sealed class LoginModel(AccountService accounts, SignInThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Name { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? password)
    {
        if (Name is not null && throttle.Locked(Name) is { } wait)
        {
            Error = $"该用户连续多次密码错误，请 {Math.Ceiling(wait.TotalMinutes)} 分钟后再试";
            return Page();
        }
        var user = Name is null || password is null ? null : accounts.SignIn(Name, password);
        if (user is null)
        {
            if (Name is not null) throttle.Failed(Name);
            Error = "用户名或密码不正确";
            return Page();
        }
        throttle.Succeeded(Name!);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountService.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        // Only a local address: a crafted returnUrl must not send the reviewer to another site.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
