using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Sente.Web.Internal.Security;

/// <summary>
/// The origin allow-list step (PROTOCOL.md section 8). Allowed: the server's own origin (the
/// request's scheme and host) plus <see cref="SenteOptions.AllowedOrigins"/>; <c>*</c> allows all.
/// 3 cases:
/// 1 - an <c>Origin</c> header: must equal an allowed origin;
/// 2 - no <c>Origin</c>, a <c>Referer</c>: must start with an allowed origin followed by <c>/</c>
///     (so <c>http://site.com.evil.com/</c> is not <c>http://site.com</c>);
/// 3 - neither: not a browser, passes (PROTOCOL.md differs from Sente, which rejects).
/// Comparison ignores case: scheme and host are case-insensitive, and browsers send them lower-case.
/// </summary>
internal sealed partial class OriginCheck(IOptions<SenteOptions> options, ILogger<OriginCheck> logger)
{
    private readonly bool _allowAll = options.Value.AllowedOrigins.Contains("*");
    private readonly string[] _configured = options.Value.AllowedOrigins.Where(o => o != "*").ToArray();

    public bool IsAllowed(HttpContext context)
    {
        if (_allowAll)
        {
            return true;
        }

        var request = context.Request;
        var own = $"{request.Scheme}://{request.Host.Value}";
        var origin = request.Headers.Origin;
        if (origin.Count > 0)
        {
            // Case 1.
            var value = origin.ToString();
            if (IsAllowedOrigin(own, value))
            {
                return true;
            }

            Log.Refused(logger, request.Method, "Origin");
            return false;
        }

        var referer = request.Headers[HeaderNames.Referer];
        if (referer.Count > 0)
        {
            // Case 2.
            var value = referer.ToString();
            if (StartsWithOrigin(value, own) || _configured.Any(o => StartsWithOrigin(value, o)))
            {
                return true;
            }

            Log.Refused(logger, request.Method, "Referer");
            return false;
        }

        // Case 3.
        return true;
    }

    private bool IsAllowedOrigin(string own, string origin) =>
        string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
        || _configured.Any(o => string.Equals(origin, o, StringComparison.OrdinalIgnoreCase));

    private static bool StartsWithOrigin(string referer, string origin) =>
        referer.Length > origin.Length
        && referer[origin.Length] == '/'
        && referer.StartsWith(origin, StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Information, "{Method} request from a foreign origin (by its {Header} header); answered 403.", EventName = "OriginRefused")]
        public static partial void Refused(ILogger logger, string method, string header);
    }
}
