namespace Sente.Wire;

/// <summary>One client-id of a user, as the user grain knows it.</summary>
/// <param name="ClientId">The client-id.</param>
/// <param name="Transport">The transport of its latest connection.</param>
/// <param name="Connected">Whether it holds a connection now.</param>
/// <param name="LastSeq">The last seq assigned to an event for it.</param>
/// <param name="AckedSeq">The last seq it acknowledged.</param>
/// <param name="NodeId">The web node of its connection, or <see langword="null"/>.</param>
/// <param name="DroppedEvents">Events dropped for it because retention was exceeded.</param>
[GenerateSerializer, Immutable, Alias("sente.ClientInfo")]
public sealed record ClientInfo(
    [property: Id(0)] string ClientId,
    [property: Id(1)] TransportKind Transport,
    [property: Id(2)] bool Connected,
    [property: Id(3)] long LastSeq,
    [property: Id(4)] long AckedSeq,
    [property: Id(5)] string? NodeId,
    [property: Id(6)] long DroppedEvents);
