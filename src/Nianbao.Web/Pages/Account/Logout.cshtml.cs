using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nianbao.Storage;
using Nianbao.Web.Accounts;

namespace Nianbao.Web.Pages.Account;

/// <summary>
/// POST only (with the antiforgery token): a link or image on another site cannot sign a reviewer out. The user's
/// security stamp is renewed, so a copy of the cookie (saved, stolen, another browser of theirs) stops working too.
/// </summary>
public sealed class LogoutModel(ReportStore store) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme &&
            long.TryParse(User.FindFirst(AccountService.UserIdClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id))
            store.RenewStamp(id);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/");
    }
}
