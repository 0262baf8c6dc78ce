using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sente.Web.Diagnostics;

namespace Sente.Web.Internal.Security;

/// <summary>
/// The rejection order of PROTOCOL.md section 8, run once per WebSocket upgrade, Ajax GET and Ajax
/// POST before any transport sees the request. First failure wins:
/// 1 - the application's reject hook (its own response);
/// 2 - CSRF (403 <c>Bad CSRF token</c>);
/// 3 - origin allow-list (403 <c>Unauthorized origin</c>);
/// 4 - authorization: endpoint metadata, then <see cref="SenteOptions.Authorize"/> (401 <c>Unauthorized request</c>).
/// </summary>
internal sealed partial class SenteSecurityPipeline(
    CsrfCheck csrf,
    OriginCheck origin,
    EndpointAuthorizationCheck authorization,
    SenteWebMetrics metrics,
    IOptions<SenteOptions> options,
    ILogger<SenteSecurityPipeline> logger)
{
    private readonly SenteOptions _options = options.Value;

    /// <summary>Runs the checks; on failure writes the rejection response.</summary>
    /// <param name="context">The request.</param>
    /// <returns><see langword="true"/> when the request may go on to a transport.</returns>
    public async ValueTask<bool> AuthorizeAsync(HttpContext context)
    {
        try
        {
            // Case 1: the application's hook answers for itself.
            if (_options.RejectRequest is { } reject && await reject(context) is { } rejection)
            {
                Log.RejectedByHook(logger, context.Request.Method);
                metrics.Rejected(RequestRejection.Rejected);
                await rejection.ExecuteAsync(context);
                return false;
            }

            // Case 2: CSRF, before origin: a request failing both gets the CSRF answer (Sente's order).
            if (!await csrf.IsValidAsync(context))
            {
                return await RejectAsync(context, RequestRejection.Csrf, StatusCodes.Status403Forbidden, "Bad CSRF token");
            }

            // Case 3: origin allow-list.
            if (!origin.IsAllowed(context))
            {
                return await RejectAsync(context, RequestRejection.Origin, StatusCodes.Status403Forbidden, "Unauthorized origin");
            }

            // Case 4: authorization, last, so its 401 never hides a CSRF or origin failure.
            if (!await authorization.IsAuthorizedAsync(context)
                || (_options.Authorize is { } authorize && !await authorize(context)))
            {
                Log.Unauthorized(logger, context.Request.Method);
                return await RejectAsync(context, RequestRejection.Unauthorized, StatusCodes.Status401Unauthorized, "Unauthorized request");
            }

            return true;
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // A throwing hook or handler fails closed; its text stays in the log, never on the wire.
            Log.CheckFailed(logger, ex);
            metrics.Rejected(RequestRejection.Error);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }

            return false;
        }
    }

    private async ValueTask<bool> RejectAsync(HttpContext context, RequestRejection reason, int status, string text)
    {
        metrics.Rejected(reason);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text);
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "{Method} request rejected by the application's reject hook.", EventName = "RejectedByHook")]
        public static partial void RejectedByHook(ILogger logger, string method);

        [LoggerMessage(11, LogLevel.Information, "{Method} request not authorized; answered 401.", EventName = "Unauthorized")]
        public static partial void Unauthorized(ILogger logger, string method);

        [LoggerMessage(12, LogLevel.Error, "The security checks failed with an exception; answered 500.", EventName = "SecurityCheckFailed")]
        public static partial void CheckFailed(ILogger logger, Exception exception);
    }
}
