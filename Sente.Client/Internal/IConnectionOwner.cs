namespace Sente.Client.Internal;

/// <summary>What a <see cref="ClientConnection"/> reports to the client that owns it. Called on the connection's receive loop; must not block.</summary>
internal interface IConnectionOwner
{
    /// <summary>Gets the last seq the application processed (for acks).</summary>
    long LastProcessedSeq { get; }

    /// <summary>The handshake arrived; the connection is open.</summary>
    void OnHandshake(ClientConnection connection, HandshakeMessage handshake);

    /// <summary>
    /// An open long-polling connection got a new handshake: the server forgot this client-id or lost
    /// events. Applied like a reconnect handshake (closed, then opened again).
    /// </summary>
    void OnStreamRestarted(ClientConnection connection, HandshakeMessage handshake);

    /// <summary>Completes once the dispatch loop applied everything posted to it so far.</summary>
    Task WhenDispatchedAsync();

    /// <summary>A batch of pushed events arrived.</summary>
    void OnBatch(ClientConnection connection, BatchMessage batch);

    /// <summary>Something went wrong that does not close the connection by itself.</summary>
    void OnProblem(ClientConnection connection, SenteClientError error);
}
