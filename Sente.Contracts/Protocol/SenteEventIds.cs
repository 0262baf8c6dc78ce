namespace Sente.Protocol;

/// <summary>The reserved <c>chsk/*</c> event ids of the protocol.</summary>
public static class SenteEventIds
{
    /// <summary>The reserved namespace prefix.</summary>
    public const string ReservedPrefix = "chsk/";

    /// <summary>Server → client: first message of every connection.</summary>
    public const string Handshake = "chsk/handshake";

    /// <summary>Keep-alive ping, both directions on WebSocket.</summary>
    public const string WsPing = "chsk/ws-ping";

    /// <summary>Client → server: answer to a server ping.</summary>
    public const string WsPong = "chsk/ws-pong";

    /// <summary>Client → server: cumulative acknowledgement of pushed events.</summary>
    public const string Ack = "chsk/ack";

    /// <summary>Raised to handlers when a uid starts being connected.</summary>
    public const string UidPortOpen = "chsk/uidport-open";

    /// <summary>Raised to handlers when a uid stops being connected.</summary>
    public const string UidPortClose = "chsk/uidport-close";

    /// <summary>Raised to handlers for an invalid client event; its data is the offending payload.</summary>
    public const string BadEvent = "chsk/bad-event";

    /// <summary>Ajax: a poll held for <c>lp-timeout-ms</c> with nothing to send.</summary>
    public const string Timeout = "chsk/timeout";

    /// <summary>Ajax: immediate answer to a POST without a callback.</summary>
    public const string DummyCallback200 = "chsk/dummy-cb-200";

    /// <summary>Server → client: a rate or protocol error notice.</summary>
    public const string Error = "chsk/error";

    /// <summary>Whether an id is in the reserved <c>chsk/</c> namespace.</summary>
    /// <param name="id">The event id.</param>
    /// <returns><see langword="true"/> for reserved ids.</returns>
    public static bool IsReserved(string id) => id.StartsWith(ReservedPrefix, StringComparison.Ordinal);

    /// <summary>Whether a client may send this reserved id (ping, pong and ack only).</summary>
    /// <param name="id">The event id.</param>
    /// <returns><see langword="true"/> for ids a client may send.</returns>
    public static bool IsClientAllowedReserved(string id) => id is WsPing or WsPong or Ack;
}
