using Orleans.Concurrency;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Grains;

/// <summary>
/// Implemented by each web node and registered as a grain observer: user grains deliver pushes,
/// and event handlers deliver replies, straight to the node that holds the connection.
/// </summary>
[Alias("sente.IWebNodeObserver")]
public interface IWebNodeObserver : IGrainObserver
{
    /// <summary>Delivers events with consecutive seqs to one connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="firstSeq">The seq of the first event.</param>
    /// <param name="events">The events.</param>
    /// <returns><see langword="false"/> when the node no longer holds that connection.</returns>
    [Alias("DeliverAsync")]
    Task<bool> DeliverAsync(string connectionId, long firstSeq, SenteEvent[] events);

    /// <summary>
    /// Delivers to several connections of one node in one call: a push to a user with many clients
    /// on the same node costs one message, not one per client.
    /// </summary>
    /// <param name="deliveries">One entry per connection.</param>
    /// <returns>Per entry, <see langword="false"/> when the node no longer holds that connection.</returns>
    [Alias("DeliverManyAsync")]
    Task<bool[]> DeliverManyAsync(NodeDelivery[] deliveries);

    /// <summary>Delivers a handler's reply to the connection a request came from.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="callback">The request's callback id.</param>
    /// <param name="replyJson">The reply value as JSON.</param>
    /// <returns>A task.</returns>
    [OneWay] // A reply to a connection that is gone is dropped; the client fails its request itself.
    [Alias("ReplyAsync")]
    Task ReplyAsync(string connectionId, string callback, string replyJson);

    /// <summary>Asks the node to close a connection (the client then reconnects and resumes).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="reason">Why, for logs and the close frame.</param>
    /// <returns>A task.</returns>
    [OneWay]
    [Alias("CloseAsync")]
    Task CloseAsync(string connectionId, string reason);
}
