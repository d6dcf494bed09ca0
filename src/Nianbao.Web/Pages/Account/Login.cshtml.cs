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
        // Failures count per client address: someone guessing elsewhere does not hold up the real user.
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (Name is not null && throttle.Wait(address, Name) is { } wait)
        {
            Error = $"该用户连续多次密码错误，请 {Math.Ceiling(wait.TotalSeconds)} 秒后再试";
            return Page();
        }
        // A name longer than any account's is wrong without asking the store.
        var user = Name is null || password is null || Name.Trim().Length > SignInThrottle.MaxNameLength ? null : accounts.SignIn(Name, password);
        if (user is null)
        {
            if (Name is not null) throttle.Failed(address, Name);
            // Never echo a huge name back into the page.
            if (Name is not null) Name = SignInThrottle.Normalize(Name);
            Error = "用户名或密码不正确";
            return Page();
        }
        throttle.Succeeded(address, Name!);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountService.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        if (user.MustChangePassword) return LocalRedirect(PasswordChangeGate.PagePath);
        // Only a local address: a crafted returnUrl must not send the reviewer to another site.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
