using Sente.Grains;

namespace Sente.Wire;

/// <summary>What a web node tells a user grain when a client-id opens a connection.</summary>
/// <param name="ClientId">The client-id.</param>
/// <param name="ConnectionId">This connection's id, unique per web node and connection.</param>
/// <param name="NodeId">The id of the web node holding the connection.</param>
/// <param name="Transport">The transport.</param>
/// <param name="LastSeq">The client's <c>last-seq</c>, or <see langword="null"/> when it sent none.</param>
/// <param name="Node">The web node's delivery observer.</param>
[GenerateSerializer, Immutable, Alias("sente.ConnectRequest")]
public sealed record ConnectRequest(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string ConnectionId,
    [property: Id(2)] string NodeId,
    [property: Id(3)] TransportKind Transport,
    [property: Id(4)] long? LastSeq,
    [property: Id(5)] IWebNodeObserver Node);
