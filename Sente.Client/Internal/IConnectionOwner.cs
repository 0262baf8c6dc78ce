namespace Sente.Client.Internal;

/// <summary>What a <see cref="ClientConnection"/> reports to the client that owns it. Called on the connection's receive loop; must not block.</summary>
internal interface IConnectionOwner
{
    /// <summary>Gets the last seq the application processed (for acks).</summary>
    long LastProcessedSeq { get; }

    /// <summary>The handshake arrived; the connection is open.</summary>
    void OnHandshake(ClientConnection connection, HandshakeMessage handshake);

    /// <summary>A batch of pushed events arrived.</summary>
    void OnBatch(ClientConnection connection, BatchMessage batch);

    /// <summary>Something went wrong that does not close the connection by itself.</summary>
    void OnProblem(ClientConnection connection, SenteClientError error);
}
