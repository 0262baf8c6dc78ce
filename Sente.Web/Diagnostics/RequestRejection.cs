namespace Sente.Web.Diagnostics;

/// <summary>
/// Why a request to the channel-socket endpoint, or one client message on it, was refused, as counted
/// by <c>sente.requests.rejected</c>.
/// </summary>
internal enum RequestRejection
{
    /// <summary>Missing or invalid <c>client-id</c> (400).</summary>
    BadClientId,

    /// <summary>An unparsable <c>last-seq</c> or <c>ack</c>, or a method other than GET and POST (400, 405).</summary>
    BadRequest,

    /// <summary>A WebSocket upgrade while the WebSocket transport is disabled (400).</summary>
    WebSocketsDisabled,

    /// <summary>The application's reject hook answered.</summary>
    Rejected,

    /// <summary>Missing or invalid CSRF token on a cookie-authenticated request (403).</summary>
    Csrf,

    /// <summary>A foreign <c>Origin</c> or <c>Referer</c> (403).</summary>
    Origin,

    /// <summary>Authorization failed (401).</summary>
    Unauthorized,

    /// <summary>A security check threw (500).</summary>
    Error,

    /// <summary>A message that is not JSON or not an envelope.</summary>
    Malformed,

    /// <summary>A message over <c>MaxMessageBytes</c> (WebSocket 1009, POST 413).</summary>
    Oversize,

    /// <summary>An envelope whose payload is not a valid event (or an ack that is not a non-negative integer).</summary>
    BadEvent,

    /// <summary>An event with an id reserved for the protocol.</summary>
    ReservedId,

    /// <summary>An event over the connection's rate limit.</summary>
    RateLimited,

    /// <summary>An event the silo could not take (its inbound stream failed).</summary>
    Unavailable,
}

/// <summary>The tag values of <see cref="RequestRejection"/>.</summary>
internal static class RequestRejectionNames
{
    public static string ToTagValue(this RequestRejection rejection) => rejection switch
    {
        RequestRejection.BadClientId => "bad-client-id",
        RequestRejection.BadRequest => "bad-request",
        RequestRejection.WebSocketsDisabled => "ws-disabled",
        RequestRejection.Rejected => "rejected",
        RequestRejection.Csrf => "csrf",
        RequestRejection.Origin => "origin",
        RequestRejection.Unauthorized => "unauthorized",
        RequestRejection.Malformed => "malformed",
        RequestRejection.Oversize => "oversize",
        RequestRejection.BadEvent => "bad-event",
        RequestRejection.ReservedId => "reserved-id",
        RequestRejection.RateLimited => "rate-limited",
        RequestRejection.Unavailable => "unavailable",
        _ => "error",
    };
}
