using System.Text.Json;
using Sente.Wire;

namespace Sente.Client;

/// <summary>
/// A snapshot of the client's connection state, mirroring Sente's <c>:chsk/state</c> map. Every
/// change raises <see cref="SenteClient.StateChanged"/>.
/// </summary>
public sealed record SenteClientState
{
    /// <summary>
    /// Gets the transport of the current or last connection (Sente's <c>:type</c>, <c>:ws</c> or
    /// <c>:ajax</c>); before the first connection, the one the client will try first.
    /// </summary>
    public TransportKind Type { get; init; } = TransportKind.WebSocket;

    /// <summary>Gets a value indicating whether a handshake was received and the connection has not closed since.</summary>
    public bool Open { get; init; }

    /// <summary>Gets a value indicating whether any handshake ever completed.</summary>
    public bool EverOpened { get; init; }

    /// <summary>Gets the uid from the last handshake (<c>sente/nil-uid</c> for anonymous clients).</summary>
    public string? Uid { get; init; }

    /// <summary>Gets the application handshake data (3rd element of the handshake data), if any.</summary>
    public JsonElement? HandshakeData { get; init; }

    /// <summary>Gets where the last handshake's stream started (<c>meta.seq</c>).</summary>
    public long Seq { get; init; }

    /// <summary>
    /// Gets <c>meta.resumed</c> of the last handshake: <see langword="null"/> when the client sent no
    /// <c>last-seq</c>, <see langword="false"/> when events were lost and the application must
    /// resynchronise its state.
    /// </summary>
    public bool? Resumed { get; init; }

    /// <summary>Gets the server's keep-alive from the last handshake, if it sent one.</summary>
    public TimeSpan? ServerKeepAlive { get; init; }

    /// <summary>Gets how the last open connection closed; written only on an open → closed change.</summary>
    public SenteCloseInfo? LastClose { get; init; }

    /// <summary>Gets the last problem seen.</summary>
    public SenteClientError? LastError { get; init; }

    /// <summary>Gets the reconnect attempt number since the connection was last open (0 while open).</summary>
    public int ReconnectAttempt { get; init; }

    /// <summary>Gets when the next reconnect attempt is scheduled, while waiting for one.</summary>
    public DateTimeOffset? NextReconnectAt { get; init; }
}
