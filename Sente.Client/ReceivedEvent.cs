using Sente.Protocol;

namespace Sente.Client;

/// <summary>A server-pushed event with its delivery seq.</summary>
/// <param name="Seq">The per-client-id seq (PROTOCOL.md section 4); consecutive for events processed in order.</param>
/// <param name="Event">The event. Invalid events arrive as <c>["chsk/bad-event", payload]</c>, as in Sente.</param>
public readonly record struct ReceivedEvent(long Seq, SenteEvent Event);
