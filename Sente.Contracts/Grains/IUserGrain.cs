using Orleans.Concurrency;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Grains;

/// <summary>
/// One user (keyed by uid): the single sequencer of everything pushed to that user's clients.
/// It knows the user's client-ids (connected, or within retention), keeps a per-client outbox of
/// seq-numbered events until they are acknowledged, and routes deliveries to the web node that
/// holds each client's connection.
/// </summary>
/// <example>
/// <code>await grains.GetGrain&lt;IUserGrain&gt;("alice").SendAsync(SenteEvent.Create("chat/msg", new { text = "hi" }));</code>
/// </example>
[Alias("sente.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Pushes an event to every client-id of the user.</summary>
    /// <param name="evt">The event; ids in <c>chsk/</c> are refused.</param>
    /// <returns>How many client-ids the event was stored for (0 when the user has none).</returns>
    [Alias("SendAsync")]
    Task<int> SendAsync(SenteEvent evt);

    /// <summary>Pushes several events, in order, to every client-id of the user.</summary>
    /// <param name="events">The events.</param>
    /// <returns>How many client-ids the events were stored for.</returns>
    [Alias("SendManyAsync")]
    Task<int> SendManyAsync(SenteEvent[] events);

    /// <summary>Pushes an event to one client-id of the user.</summary>
    /// <param name="clientId">The client-id.</param>
    /// <param name="evt">The event.</param>
    /// <returns>1 when the client-id is known (connected or within retention), else 0.</returns>
    [Alias("SendToClientAsync")]
    Task<int> SendToClientAsync(string clientId, SenteEvent evt);

    /// <summary>Web node: a connection of a client-id opened. Replaces any older connection of the same client-id.</summary>
    /// <param name="request">The connection.</param>
    /// <returns>The handshake's seq and resume flag.</returns>
    [Alias("ConnectAsync")]
    Task<ConnectResult> ConnectAsync(ConnectRequest request);

    /// <summary>Web node: a connection closed. Ignored when the client-id has a newer connection.</summary>
    /// <param name="clientId">The client-id.</param>
    /// <param name="connectionId">The connection that closed.</param>
    /// <returns>A task that completes when recorded.</returns>
    [Alias("DisconnectAsync")]
    Task DisconnectAsync(string clientId, string connectionId);

    /// <summary>Web node: a client acknowledged every event up to <paramref name="seq"/>.</summary>
    /// <param name="clientId">The client-id.</param>
    /// <param name="seq">The cumulative ack; values beyond the last pushed seq acknowledge only what was pushed.</param>
    /// <returns>A task.</returns>
    [OneWay] // Acks are frequent and idempotent; nothing waits on them.
    [Alias("AckAsync")]
    Task AckAsync(string clientId, long seq);

    /// <summary>Web node: several clients' cumulative acks at once (a node coalesces them per user).</summary>
    /// <param name="acks">The acks.</param>
    /// <returns>A task.</returns>
    [OneWay] // As AckAsync.
    [Alias("AckManyAsync")]
    Task AckManyAsync(ClientAck[] acks);

    /// <summary>Lists the user's client-ids.</summary>
    /// <returns>The clients.</returns>
    [Alias("GetClientsAsync")]
    [ReadOnly]
    Task<UserClients> GetClientsAsync();

    /// <summary>Whether the user is connected, per transport (one call answers "is U online, and how").</summary>
    /// <returns>The presence.</returns>
    [Alias("GetPresenceAsync")]
    [ReadOnly]
    Task<UserPresence> GetPresenceAsync();

    /// <summary>A web node was declared dead: its connections stop receiving routes; their outboxes stay.</summary>
    /// <param name="nodeId">The dead node.</param>
    /// <returns>A task.</returns>
    [Alias("WebNodeDiedAsync")]
    Task WebNodeDiedAsync(string nodeId);
}
