using Sente.Wire;

namespace Sente.Client.Internal;

/// <summary>
/// Moves whole envelopes between the client and the server; one instance per connection attempt.
/// The client core (handshake, replies, seqs, keep-alive) is transport-neutral behind it, like
/// SignalR's <c>ITransport</c>. An Ajax transport joins by emulating a message stream: polls yield
/// envelopes, and a POST's reply <c>[reply, null]</c> is handed back as <c>[reply, cb]</c>.
/// </summary>
/// <remarks>
/// Contract: at most one <see cref="ReceiveAsync"/> and one send-or-close call run at a time; the
/// client guarantees this with its single receive loop and single writer loop.
/// </remarks>
internal interface ISenteTransport : IAsyncDisposable
{
    /// <summary>Gets the transport kind, reported in <see cref="SenteClientState.Type"/>.</summary>
    TransportKind Kind { get; }

    /// <summary>Gets the close code the server sent, once <see cref="ReceiveAsync"/> returned <see langword="null"/>.</summary>
    int? CloseCode { get; }

    /// <summary>Gets the close description the server sent, if any.</summary>
    string? CloseDescription { get; }

    /// <summary>Opens the connection; throws <see cref="SenteConnectException"/> when the server refuses.</summary>
    Task ConnectAsync(Uri uri, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken);

    /// <summary>Sends one envelope.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Receives one whole envelope; <see langword="null"/> when the server closed the connection.</summary>
    ValueTask<byte[]?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Starts a clean close (WebSocket code 1000); the receive side then ends.</summary>
    Task CloseOutputAsync(CancellationToken cancellationToken);

    /// <summary>Drops the connection at once, without a close handshake; pending calls fail.</summary>
    void Abort();
}
