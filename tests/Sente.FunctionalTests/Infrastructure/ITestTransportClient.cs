using Sente.Protocol;

namespace Sente.FunctionalTests.Infrastructure;

/// <summary>
/// One client-id over one transport, at the wire level, so that the compliance suite states each
/// behaviour once and runs it over every transport.
/// </summary>
public interface ITestTransportClient : IAsyncDisposable
{
    /// <summary>Gets the handshake this client received.</summary>
    Envelope Handshake { get; }

    /// <summary>Gets the handshake's <c>meta.seq</c>.</summary>
    long HandshakeSeq => Handshake.GetMetaInt64(ProtocolConstants.MetaSeq)!.Value;

    /// <summary>Sends an event without a callback.</summary>
    Task SendAsync(string id, string? dataJson = null);

    /// <summary>Sends a request and returns the reply's payload envelope (a reply value, or a reserved string).</summary>
    Task<Envelope> RequestAsync(string id, string? dataJson = null);

    /// <summary>Receives pushed events until <paramref name="count"/> arrived, checking consecutive seqs; acks them.</summary>
    Task<ReceivedEvents> ReceiveEventsAsync(int count, TimeSpan? timeout = null);

    /// <summary>Whether any pushed event arrives within <paramref name="wait"/>.</summary>
    Task<bool> ReceivesNothingAsync(TimeSpan wait);

    /// <summary>Drops the connection without any goodbye (as a network failure would).</summary>
    void Abort();
}

/// <summary>Opens test clients over one transport.</summary>
public interface ITestTransport
{
    string Name { get; }

    Task<ITestTransportClient> ConnectAsync(SenteServer server, string clientId, string? cookie = null, long? lastSeq = null);
}
