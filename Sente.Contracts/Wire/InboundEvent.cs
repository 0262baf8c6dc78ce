using Sente.Grains;
using Sente.Protocol;

namespace Sente.Wire;

/// <summary>A client event on its way from a web node to the silo, over the uid's inbound stream.</summary>
/// <param name="Uid">The sender's uid (decided by the server).</param>
/// <param name="ClientId">The sender's client-id.</param>
/// <param name="ConnectionId">The connection it came on; replies go back to it.</param>
/// <param name="Event">The event (invalid input arrives as <c>chsk/bad-event</c>).</param>
/// <param name="Callback">The callback id when a reply is wanted, else <see langword="null"/>.</param>
/// <param name="ReplyTo">The web node that holds the connection, when a reply is wanted.</param>
/// <param name="Transport">The transport it arrived on.</param>
[GenerateSerializer, Immutable, Alias("sente.InboundEvent")]
public sealed record InboundEvent(
    [property: Id(0)] string Uid,
    [property: Id(1)] string? ClientId,
    [property: Id(2)] string? ConnectionId,
    [property: Id(3)] SenteEvent Event,
    [property: Id(4)] string? Callback,
    [property: Id(5)] IWebNodeObserver? ReplyTo,
    [property: Id(6)] TransportKind Transport);
