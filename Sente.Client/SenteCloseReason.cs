namespace Sente.Client;

/// <summary>Why the client's connection closed (Sente's <c>:last-close :reason</c>).</summary>
public enum SenteCloseReason
{
    /// <summary>The server closed the WebSocket with code 1000.</summary>
    Clean = 0,

    /// <summary>The connection dropped: abnormal close, network error, or <see cref="SenteClient.BreakConnection"/>.</summary>
    Unexpected,

    /// <summary><see cref="SenteClient.DisconnectAsync"/> or disposal.</summary>
    RequestedDisconnect,

    /// <summary><see cref="SenteClient.ReconnectAsync"/>.</summary>
    RequestedReconnect,

    /// <summary>No pong came within <see cref="SenteClientOptions.PingTimeout"/> of a keep-alive ping.</summary>
    WsPingTimeout,

    /// <summary>Writing to the socket failed.</summary>
    WsError,
}
