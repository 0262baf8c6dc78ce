using System.Threading.Channels;
using Sente.Wire;

namespace Sente.Web.Internal.Connections;

/// <summary>
/// One live connection held by this node: its identity, its outbound queue, and the timestamps the
/// keep-alive scan reads. Transports move bytes; the queue decides the order.
/// </summary>
internal sealed class SenteConnection
{
    private readonly Channel<OutboundMessage> _outbound =
        Channel.CreateUnbounded<OutboundMessage>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly int _maxQueuedEvents;
    private int _queuedEvents;
    private long _lastReceivedTicks;
    private long _pingSentTicks;
    private int _endReason;

    public SenteConnection(string uid, string clientId, TransportKind transport, int maxQueuedEvents, TimeProvider time)
    {
        Uid = uid;
        ClientId = clientId;
        Transport = transport;
        ConnectionId = $"{clientId}#{Guid.NewGuid():N}";
        _maxQueuedEvents = maxQueuedEvents;
        Time = time;
        _lastReceivedTicks = time.GetTimestamp();
    }

    public string Uid { get; }

    public string ClientId { get; }

    public string ConnectionId { get; }

    public TransportKind Transport { get; }

    /// <summary>Gets or sets this connection's event budget (WebSocket; Ajax POSTs share one per client-id).</summary>
    public InboundRateLimiter? Limiter { get; init; }

    /// <summary>Gets or sets whether this is an Ajax POST waiting for a reply: its reply goes out as <c>[reply, null]</c>.</summary>
    public bool IsAjaxPost { get; init; }

    public TimeProvider Time { get; }

    public CancellationTokenSource Aborted { get; } = new();

    public ChannelReader<OutboundMessage> Reader => _outbound.Reader;

    /// <summary>Gets the time of the last message received from the client (timestamp ticks).</summary>
    public long LastReceivedTicks => Volatile.Read(ref _lastReceivedTicks);

    /// <summary>Gets when the unanswered server ping was sent, or 0.</summary>
    public long PingSentTicks => Volatile.Read(ref _pingSentTicks);

    /// <summary>Gets why the connection ends: the first reason recorded, or <see cref="ConnectionEndReason.None"/>.</summary>
    public ConnectionEndReason EndReason => (ConnectionEndReason)Volatile.Read(ref _endReason);

    /// <summary>Records why the connection ends, unless a reason was recorded already (the first cause wins).</summary>
    public void SetEndReason(ConnectionEndReason reason) => Interlocked.CompareExchange(ref _endReason, (int)reason, 0);

    public void MarkReceived()
    {
        Volatile.Write(ref _lastReceivedTicks, Time.GetTimestamp());
        Volatile.Write(ref _pingSentTicks, 0);
    }

    public void MarkPingSent() => Volatile.Write(ref _pingSentTicks, Time.GetTimestamp());

    /// <summary>Queues pushed events; <see langword="false"/> when the connection is closing or stalled.</summary>
    public bool TryDeliver(long firstSeq, Sente.Protocol.SenteEvent[] events)
    {
        if (Interlocked.Add(ref _queuedEvents, events.Length) > _maxQueuedEvents)
        {
            Interlocked.Add(ref _queuedEvents, -events.Length);
            Close(1013, "stalled: too many unwritten events", ConnectionEndReason.Stalled);
            return false;
        }

        return _outbound.Writer.TryWrite(new EventDelivery(firstSeq, events));
    }

    /// <summary>Called by the writer when events left the queue.</summary>
    public void EventsWritten(int count) => Interlocked.Add(ref _queuedEvents, -count);

    public bool Send(byte[] utf8) => _outbound.Writer.TryWrite(new RawMessage(utf8));

    /// <summary>Queues a close; nothing queued after it is sent.</summary>
    /// <param name="code">The WebSocket close code (an Ajax poll answers 204 instead).</param>
    /// <param name="reason">The close frame's text.</param>
    /// <param name="why">Why, for <c>sente.connections.closed</c> (kept only if it is the first reason).</param>
    public void Close(int code, string reason, ConnectionEndReason why)
    {
        SetEndReason(why);
        _outbound.Writer.TryWrite(new CloseMessage(code, reason));
        _outbound.Writer.TryComplete();
    }

    /// <summary>Ends the connection at once (no close handshake).</summary>
    /// <param name="why">Why, for <c>sente.connections.closed</c> (kept only if it is the first reason).</param>
    public void Abort(ConnectionEndReason why)
    {
        SetEndReason(why);
        _outbound.Writer.TryComplete();
        try
        {
            Aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Complete() => _outbound.Writer.TryComplete();
}
