using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nianbao.Storage;

namespace Nianbao.Web.Accounts;

/// <summary>
/// Every request's cookie against the store: the user must still exist, be enabled and have the security stamp the
/// cookie was signed in with (logout, a password or role change and disabling give a new one). Name, role and the
/// must-change-password flag are then taken from the store, never from the cookie, so a demoted user is demoted at
/// the next request, not when the cookie expires.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var principal = ctx.Principal;
        var store = ctx.HttpContext.RequestServices.GetRequiredService<ReportStore>();
        var id = principal?.FindFirst(AccountService.UserIdClaim)?.Value;
        var stamp = principal?.FindFirst(AccountService.StampClaim)?.Value;
        var user = id is not null && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) ? store.FindUser(userId) : null;
        if (user is null || user.Disabled || stamp is null ||
            !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(stamp), System.Text.Encoding.UTF8.GetBytes(user.SecurityStamp)))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        ctx.ReplacePrincipal(AccountService.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}

/// <summary>
/// A user whose password was chosen by someone else (the generated first admin's) can do nothing but change it:
/// pages redirect to the change-password page, anything else is refused with the reason.
/// </summary>
public static class PasswordChangeGate
{
    public const string PagePath = "/account/password";

    public static Task Apply(HttpContext ctx, Func<Task> next)
    {
        if (ctx.User.FindFirst(AccountService.MustChangeClaim) is null ||
            ctx.Request.Path.StartsWithSegments(PagePath, StringComparison.OrdinalIgnoreCase) || ctx.Request.Path.StartsWithSegments("/account/logout", StringComparison.OrdinalIgnoreCase) ||
            ctx.Request.Path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase) || ctx.Request.Path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase))
            return next();
        if (HttpMethods.IsGet(ctx.Request.Method) && !ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.Redirect(PagePath);
            return Task.CompletedTask;
        }
        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        return ctx.Response.WriteAsync($"请先修改初始密码（{PagePath}）");
    }
}
