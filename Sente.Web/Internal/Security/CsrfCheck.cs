using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Sente.Protocol;

namespace Sente.Web.Internal.Security;

/// <summary>
/// The CSRF step: a cookie-authenticated request must carry a valid ASP.NET Core antiforgery token,
/// as the <c>csrf-token</c> query parameter (WebSocket upgrade: browsers cannot set its headers) or
/// the <c>X-CSRF-Token</c> header (Ajax). Requests not authenticated by a cookie need no token.
/// </summary>
internal sealed partial class CsrfCheck(
    IAntiforgery antiforgery,
    IOptions<AntiforgeryOptions> antiforgeryOptions,
    CookieAuthenticationDetector cookies,
    IOptions<SenteOptions> options,
    ILogger<CsrfCheck> logger)
{
    private readonly bool _enabled = options.Value.Csrf.Enabled;

    // Antiforgery reads the request token from this header (or a form field), never from the query
    // string; the token found in Sente's places is presented to it there.
    private readonly string _antiforgeryHeader = antiforgeryOptions.Value.HeaderName ?? "RequestVerificationToken";

    public async ValueTask<bool> IsValidAsync(HttpContext context)
    {
        if (!_enabled || !await cookies.IsCookieAuthenticatedAsync(context))
        {
            return true;
        }

        var token = FindToken(context.Request);
        if (string.IsNullOrEmpty(token))
        {
            Log.MissingToken(logger, context.Request.Method);
            return false;
        }

        var headers = context.Request.Headers;
        var original = headers[_antiforgeryHeader];
        headers[_antiforgeryHeader] = token;
        try
        {
            // ValidateRequestAsync, not IsRequestValidAsync: the latter waves every GET through, and
            // the WebSocket upgrade and the Ajax poll are GETs. It also checks the token belongs to
            // this user, so a token fetched anonymously (or by another user) fails.
            await antiforgery.ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException ex)
        {
            Log.InvalidToken(logger, context.Request.Method, ex.Message);
            return false;
        }
        finally
        {
            if (StringValues.IsNullOrEmpty(original))
            {
                headers.Remove(_antiforgeryHeader);
            }
            else
            {
                headers[_antiforgeryHeader] = original;
            }
        }
    }

    private static string? FindToken(HttpRequest request)
    {
        var header = request.Headers[ProtocolConstants.CsrfTokenHeader];
        if (header.Count == 1 && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        var query = request.Query[ProtocolConstants.CsrfTokenQueryKey];
        return query.Count == 1 ? query[0] : null;
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Information, "Cookie-authenticated {Method} request without a CSRF token; answered 403.", EventName = "CsrfTokenMissing")]
        public static partial void MissingToken(ILogger logger, string method);

        [LoggerMessage(21, LogLevel.Information, "Cookie-authenticated {Method} request with an invalid CSRF token ({Reason}); answered 403.", EventName = "CsrfTokenInvalid")]
        public static partial void InvalidToken(ILogger logger, string method, string reason);
    }
}
