using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Web.Accounts;

namespace Nianbao.Web.Pages.Account;

public sealed class LoginModel(AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Name { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? password)
    {
        var user = Name is null || password is null ? null : accounts.SignIn(Name, password);
        if (user is null)
        {
            Error = "用户名或密码不正确";
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountService.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        // Only a local address: a crafted returnUrl must not send the reviewer to another site.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
