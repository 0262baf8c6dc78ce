using System.Text.Json;
using Sente.Protocol;

namespace Sente.Client;

/// <summary>Sending, requests and event handlers.</summary>
public sealed partial class SenteClient
{
    /// <summary>
    /// Sends an event without asking for a reply (Sente's <c>chsk-send!</c> without callback).
    /// Like Sente, events are never queued while disconnected.
    /// </summary>
    /// <param name="evt">The event; its id must not be in the reserved <c>chsk/</c> namespace.</param>
    /// <param name="cancellationToken">Unused today; reserved for transports that send asynchronously.</param>
    /// <returns><see langword="true"/> when queued on an open connection, <see langword="false"/> when not open.</returns>
    /// <exception cref="ArgumentException">The event id is reserved.</exception>
    public ValueTask<bool> SendAsync(SenteEvent evt, CancellationToken cancellationToken = default)
    {
        ThrowIfReserved(evt);
        var connection = _current;
        return ValueTask.FromResult(connection is { IsOpen: true } && connection.TrySend(evt, null));
    }

    /// <summary>Sends an event and waits for the server handler's reply.</summary>
    /// <param name="evt">The event; its id must not be in the reserved <c>chsk/</c> namespace.</param>
    /// <param name="timeout">How long to wait; <see cref="SenteClientOptions.RequestTimeout"/> when omitted.</param>
    /// <param name="cancellationToken">Stops waiting (the reply, if it comes, is dropped).</param>
    /// <returns>The reply value.</returns>
    /// <exception cref="SenteRequestException">
    /// <see cref="SenteRequestException.Reason"/> is <c>chsk/closed</c> when not open or as soon as the
    /// connection drops (Sente instead waits for the timeout), <c>chsk/timeout</c> when no reply came
    /// in time, <c>chsk/error</c> when the server could not handle it or (Ajax) refused the POST, e.g.
    /// with HTTP 413 (see <see cref="SenteRequestException.StatusCode"/>).
    /// </exception>
    public async Task<JsonElement> RequestAsync(SenteEvent evt, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ThrowIfReserved(evt);
        var wait = timeout ?? _options.RequestTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(timeout));
        var connection = _current;
        if (connection is not { IsOpen: true })
        {
            throw new SenteRequestException(CallbackReplies.Closed, evt.Id);
        }

        var (cb, reply) = connection.Pending.Register(evt.Id, wait);
        if (!connection.TrySend(evt, cb))
        {
            connection.Pending.Fail(cb, CallbackReplies.Closed);
        }

        using (cancellationToken.Register(() => connection.Pending.Cancel(cb, cancellationToken)))
        {
            return await reply.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Handles pushed events with id <paramref name="eventId"/>. Handlers run one at a time, in
    /// seq order, on the dispatch loop; an event counts as processed (and is acked) once every
    /// handler returned. A handler that throws is logged; the event still counts as processed.
    /// </summary>
    /// <param name="eventId">The event id, e.g. <c>chat/msg</c>; invalid pushed events use <c>chsk/bad-event</c>.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to remove the handler.</returns>
    public IDisposable On(string eventId, Func<ReceivedEvent, ValueTask> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentNullException.ThrowIfNull(handler);
        return _dispatcher.Add(eventId, handler);
    }

    /// <summary>Handles every pushed event, after the handlers registered for its id.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to remove the handler.</returns>
    public IDisposable OnAny(Func<ReceivedEvent, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return _dispatcher.Add(null, handler);
    }

    private static void ThrowIfReserved(SenteEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (SenteEventIds.IsReserved(evt.Id))
        {
            throw new ArgumentException($"Event id '{evt.Id}' is reserved for the protocol.", nameof(evt));
        }
    }
}
