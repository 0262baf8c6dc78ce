using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Sente.Web.Internal.Security;

/// <summary>
/// Decides whether a request is authenticated by a cookie, i.e. carries an ambient credential a
/// browser attaches to cross-site requests too, so it must prove same-site intent with a token.
/// A request is cookie-authenticated when either:
/// 1 - an authenticated identity of <see cref="HttpContext.User"/> has an <c>AuthenticationType</c>
///     that names a registered cookie scheme or is listed in <see cref="SenteCsrfOptions.CookieAuthenticationTypes"/>; or
/// 2 - a registered cookie scheme authenticates the request, even when <see cref="HttpContext.User"/>
///     came from elsewhere: an authorization policy naming that scheme would otherwise let the cookie
///     in after the CSRF check.
/// "Cookie scheme" means a scheme whose handler is <see cref="CookieAuthenticationHandler"/> or derives from it.
/// </summary>
internal sealed class CookieAuthenticationDetector(IAuthenticationSchemeProvider schemes, IOptions<SenteOptions> options)
{
    private readonly HashSet<string> _configuredTypes = new(options.Value.Csrf.CookieAuthenticationTypes, StringComparer.Ordinal);
    private string[]? _cookieSchemes;

    public async ValueTask<bool> IsCookieAuthenticatedAsync(HttpContext context)
    {
        var cookieSchemes = _cookieSchemes ??= await FindCookieSchemesAsync();

        // Case 1: the identity says so.
        foreach (var identity in context.User.Identities)
        {
            if (identity.IsAuthenticated && identity.AuthenticationType is { } type
                && (_configuredTypes.Contains(type) || Array.IndexOf(cookieSchemes, type) >= 0))
            {
                return true;
            }
        }

        // Case 2: a valid auth cookie is present (each handler caches its result per request, so
        // this costs no second cookie decryption after the authentication middleware).
        if (context.Request.Cookies.Count == 0)
        {
            return false;
        }

        foreach (var scheme in cookieSchemes)
        {
            if ((await context.AuthenticateAsync(scheme)).Succeeded)
            {
                return true;
            }
        }

        return false;
    }

    // Schemes are registered at start-up; the list is read once (a benign race may read it twice).
    private async Task<string[]> FindCookieSchemesAsync() =>
        (await schemes.GetAllSchemesAsync())
            .Where(s => typeof(CookieAuthenticationHandler).IsAssignableFrom(s.HandlerType))
            .Select(s => s.Name)
            .ToArray();
}
