using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Nianbao.Web.Accounts;

/// <summary><c>Authorization: Bearer nb_…</c> for scripts. A browser never sends it by itself, so token requests need no CSRF token.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return Task.FromResult(AuthenticateResult.NoResult());
        var user = accounts.FromToken(header["Bearer ".Length..].Trim());
        if (user is null) return Task.FromResult(AuthenticateResult.Fail("无效的 API 令牌"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(AccountService.Principal(user, Scheme.Name), Scheme.Name)));
    }
}
