using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sente.Protocol;
using Sente.Web.Diagnostics;
using Sente.Web.Internal.Security;
using Sente.Web.Internal.Transports;

namespace Sente.Web.Internal;

/// <summary>
/// Front door of the <c>/chsk</c> endpoint: validates the client-id, decides the uid, and hands the
/// request to the transport that serves it. Transports never decide who may connect.
/// </summary>
internal sealed partial class SenteDispatcher(
    SenteSecurityPipeline security,
    WebSocketTransport webSockets,
    LongPollingTransport longPolling,
    AjaxPostHandler ajaxPost,
    SenteWebMetrics metrics,
    IOptions<SenteOptions> options,
    ILogger<SenteDispatcher> logger)
{
    private readonly SenteOptions _options = options.Value;

    public async Task DispatchAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var clientId = query[ProtocolConstants.ClientIdQueryKey].ToString();
        if (!ProtocolConstants.IsValidClientId(clientId))
        {
            Log.InvalidClientId(logger, context.Connection.RemoteIpAddress?.ToString());
            metrics.Rejected(RequestRejection.BadClientId);
            await PlainAsync(context, StatusCodes.Status400BadRequest, "Missing or invalid client-id");
            return;
        }

        long? lastSeq = null;
        var lastSeqText = query[ProtocolConstants.LastSeqQueryKey].ToString();
        if (lastSeqText.Length > 0)
        {
            if (!long.TryParse(lastSeqText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                metrics.Rejected(RequestRejection.BadRequest);
                await PlainAsync(context, StatusCodes.Status400BadRequest, "Invalid last-seq");
                return;
            }

            lastSeq = parsed;
        }

        if (context.WebSockets.IsWebSocketRequest && !_options.WebSockets.Enabled)
        {
            Log.WebSocketsDisabled(logger, context.Connection.RemoteIpAddress?.ToString());
            metrics.Rejected(RequestRejection.WebSocketsDisabled);
            await PlainAsync(context, StatusCodes.Status400BadRequest, "WebSocket transport is disabled; use Ajax long-polling");
            return;
        }

        // Reject hook, CSRF, origin, authorization (PROTOCOL.md section 8), before any transport or upgrade.
        if (!await security.AuthorizeAsync(context))
        {
            return;
        }

        var uid = _options.ResolveUserId(context) ?? ProtocolConstants.NilUid;
        var handshakeData = _options.HandshakeData?.Invoke(context) is { } data
            ? JsonSerializer.Serialize(data, JsonSerializerOptions.Web)
            : null;
        var request = new SenteRequest(uid, clientId, lastSeq, handshakeData);

        ISenteTransport? transport = context.WebSockets.IsWebSocketRequest ? webSockets
            : HttpMethods.IsGet(context.Request.Method) ? longPolling
            : HttpMethods.IsPost(context.Request.Method) ? ajaxPost
            : null;
        if (transport is null)
        {
            metrics.Rejected(RequestRejection.BadRequest);
            context.Response.Headers.Allow = "GET, POST";
            await PlainAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed");
            return;
        }

        await transport.ProcessRequestAsync(context, request);
    }

    private static Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Request from {RemoteIp} without a valid client-id; answered 400.", EventName = "InvalidClientId")]
        public static partial void InvalidClientId(ILogger logger, string? remoteIp);

        [LoggerMessage(2, LogLevel.Information, "WebSocket upgrade from {RemoteIp} refused: the WebSocket transport is disabled (Sente:WebSockets:Enabled=false); answered 400.", EventName = "WebSocketsDisabled")]
        public static partial void WebSocketsDisabled(ILogger logger, string? remoteIp);
    }
}
