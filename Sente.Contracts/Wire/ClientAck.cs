namespace Sente.Wire;

/// <summary>A cumulative ack of one client-id (several travel together from a web node).</summary>
/// <param name="ClientId">The client-id.</param>
/// <param name="Seq">The last seq it processed.</param>
[GenerateSerializer, Immutable, Alias("sente.ClientAck")]
public sealed record ClientAck(
    [property: Id(0)] string ClientId,
    [property: Id(1)] long Seq);
