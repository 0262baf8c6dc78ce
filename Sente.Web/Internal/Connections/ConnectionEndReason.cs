namespace Sente.Web.Internal.Connections;

/// <summary>
/// Why a connection (a WebSocket, or a held Ajax poll) ended, as counted by
/// <c>sente.connections.closed</c>. The first reason recorded on a connection wins: a close the
/// server starts is answered by the client's close frame, and that answer is not the cause.
/// </summary>
internal enum ConnectionEndReason
{
    /// <summary>Not known yet.</summary>
    None = 0,

    /// <summary>The client closed it (WebSocket close frame) or went away while a poll was held.</summary>
    Client,

    /// <summary>The WebSocket dropped without a close handshake (network, proxy, killed tab).</summary>
    ConnectionLost,

    /// <summary>No answer to the server's keep-alive ping in time.</summary>
    KeepAliveTimeout,

    /// <summary>A newer connection or poll of the same client-id took over.</summary>
    Replaced,

    /// <summary>This node is shutting down.</summary>
    ServerShutdown,

    /// <summary>This node had been declared dead by its lease; its clients must be routed again.</summary>
    LeaseLost,

    /// <summary>Too many malformed messages.</summary>
    ProtocolError,

    /// <summary>A client message over the size limit.</summary>
    Oversize,

    /// <summary>A sustained flood of events over the rate limit.</summary>
    RateLimited,

    /// <summary>The socket stopped draining and too many events queued for it.</summary>
    Stalled,

    /// <summary>The client fell more than the retention count behind (closed by its user grain).</summary>
    OutboxOverflow,

    /// <summary>A server-side failure: the user grain could not be reached, or a seq gap.</summary>
    Error,

    /// <summary>An Ajax poll answered with events.</summary>
    Answered,

    /// <summary>An Ajax poll held for the whole long-poll timeout without events.</summary>
    PollTimeout,
}

/// <summary>The tag values of <see cref="ConnectionEndReason"/>: a fixed, small set.</summary>
internal static class ConnectionEndReasonNames
{
    public static string ToTagValue(this ConnectionEndReason reason) => reason switch
    {
        ConnectionEndReason.Client => "client",
        ConnectionEndReason.ConnectionLost => "connection-lost",
        ConnectionEndReason.KeepAliveTimeout => "keepalive-timeout",
        ConnectionEndReason.Replaced => "replaced",
        ConnectionEndReason.ServerShutdown => "server-shutdown",
        ConnectionEndReason.LeaseLost => "lease-lost",
        ConnectionEndReason.ProtocolError => "protocol-error",
        ConnectionEndReason.Oversize => "oversize",
        ConnectionEndReason.RateLimited => "rate-limited",
        ConnectionEndReason.Stalled => "stalled",
        ConnectionEndReason.OutboxOverflow => "outbox-overflow",
        ConnectionEndReason.Answered => "answered",
        ConnectionEndReason.PollTimeout => "poll-timeout",
        _ => "error",
    };

    /// <summary>Maps the reason a user grain gave for closing a connection (<see cref="Sente.Wire.ConnectionCloseReasons"/>).</summary>
    public static ConnectionEndReason FromGrainReason(string reason) => reason switch
    {
        Sente.Wire.ConnectionCloseReasons.Replaced => ConnectionEndReason.Replaced,
        Sente.Wire.ConnectionCloseReasons.OutboxOverflow => ConnectionEndReason.OutboxOverflow,
        _ => ConnectionEndReason.Error,
    };
}
