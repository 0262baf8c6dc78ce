using Sente.Protocol;

namespace Sente.Wire;

/// <summary>Events with consecutive seqs for one connection, as part of a delivery to a web node.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="FirstSeq">The seq of the first event.</param>
/// <param name="Events">The events.</param>
[GenerateSerializer, Immutable, Alias("sente.NodeDelivery")]
public sealed record NodeDelivery(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] long FirstSeq,
    [property: Id(2)] SenteEvent[] Events);
