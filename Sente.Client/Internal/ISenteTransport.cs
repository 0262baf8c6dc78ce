using Sente.Protocol;
using Sente.Wire;

namespace Sente.Client.Internal;

/// <summary>
/// Moves whole messages between the client and the server; one instance per connection attempt.
/// The client core (handshake, replies, seqs, keep-alive) is transport-neutral behind it, like
/// SignalR's <c>ITransport</c>. The Ajax transport emulates a message stream: its polls yield
/// messages, and POST replies go to the <see cref="ITransportHost"/> directly.
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
    Task ConnectAsync(TransportTarget target, ITransportHost host, CancellationToken cancellationToken);

    /// <summary>Sends one client event (<c>[[id, data], cb]</c>); a transport may complete before it reached the server.</summary>
    ValueTask SendAsync(SenteEvent evt, string? callback, CancellationToken cancellationToken);

    /// <summary>Receives one message; <see langword="null"/> when the connection closed cleanly.</summary>
    ValueTask<InboundMessage?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Starts a clean close (WebSocket code 1000); the receive side then ends.</summary>
    Task CloseOutputAsync(CancellationToken cancellationToken);

    /// <summary>Drops the connection at once, without a close handshake; pending calls fail.</summary>
    void Abort();
}
