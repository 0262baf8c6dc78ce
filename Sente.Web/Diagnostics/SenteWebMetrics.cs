using System.Diagnostics.Metrics;
using Sente.Web.Internal.Connections;
using Sente.Wire;

namespace Sente.Web.Diagnostics;

/// <summary>
/// The web node's instruments, on the meter <see cref="MeterName"/> (created through
/// <see cref="IMeterFactory"/>, so each host, and each test server, has its own). Tags are few and
/// bounded: transport, resumed, reason; never a uid or a client-id. docs/observability.md lists them.
/// </summary>
public sealed class SenteWebMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c> and <c>dotnet-counters --counters</c>.</summary>
    public const string MeterName = "Sente.Web";

    private const string TransportTag = "sente.transport";
    private const string ResumedTag = "sente.resumed";
    private const string ReasonTag = "sente.reason";

    // Tag pairs built once: recording passes these structs, nothing is allocated per measurement.
    private static readonly KeyValuePair<string, object?> WebSocketTag = new(TransportTag, "ws");
    private static readonly KeyValuePair<string, object?> AjaxTag = new(TransportTag, "ajax");
    private static readonly KeyValuePair<string, object?> ResumedTrue = new(ResumedTag, "true");
    private static readonly KeyValuePair<string, object?> ResumedFalse = new(ResumedTag, "false");
    private static readonly KeyValuePair<string, object?> ResumedNone = new(ResumedTag, "none");

    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _handshakes;
    private readonly Counter<long> _closed;
    private readonly Counter<long> _eventsReceived;
    private readonly Counter<long> _eventsSent;
    private readonly Counter<long> _batchesSent;
    private readonly Counter<long> _rejected;

    internal SenteWebMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _active = meter.CreateUpDownCounter<long>(
            "sente.connections.active", "{connection}", "WebSocket connections open, and Ajax polls held, on this node.");
        _handshakes = meter.CreateCounter<long>(
            "sente.handshakes", "{handshake}", "Handshakes sent; sente.resumed is none for a connection that did not ask to resume.");
        _closed = meter.CreateCounter<long>(
            "sente.connections.closed", "{connection}", "WebSocket connections and held Ajax polls that ended, by reason.");
        _eventsReceived = meter.CreateCounter<long>(
            "sente.events.received", "{event}", "Client events accepted and forwarded to the silo.");
        _eventsSent = meter.CreateCounter<long>(
            "sente.events.sent", "{event}", "Pushed events written to clients.");
        _batchesSent = meter.CreateCounter<long>(
            "sente.batches.sent", "{batch}", "Batches of pushed events written to clients (a WebSocket frame, an Ajax poll answer).");
        _rejected = meter.CreateCounter<long>(
            "sente.requests.rejected", "{request}", "Requests to the channel-socket endpoint, and client messages on it, that were refused, by reason.");
    }

    /// <summary>A WebSocket was accepted, or an Ajax poll is now held.</summary>
    internal void ConnectionOpened(TransportKind transport) => _active.Add(1, Transport(transport));

    /// <summary>The counterpart of <see cref="ConnectionOpened"/>: exactly once per opened connection.</summary>
    internal void ConnectionClosed(TransportKind transport, ConnectionEndReason reason)
    {
        var tag = Transport(transport);
        _active.Add(-1, tag);
        _closed.Add(1, tag, new KeyValuePair<string, object?>(ReasonTag, reason.ToTagValue()));
    }

    /// <param name="transport">The transport.</param>
    /// <param name="resumed">The handshake's <c>resumed</c> flag; <see langword="null"/> when the client did not ask to resume.</param>
    internal void HandshakeSent(TransportKind transport, bool? resumed) =>
        _handshakes.Add(1, Transport(transport), resumed switch { true => ResumedTrue, false => ResumedFalse, null => ResumedNone });

    internal void EventReceived(TransportKind transport) => _eventsReceived.Add(1, Transport(transport));

    internal void BatchSent(TransportKind transport, int events)
    {
        var tag = Transport(transport);
        _batchesSent.Add(1, tag);
        _eventsSent.Add(events, tag);
    }

    internal void Rejected(RequestRejection reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason.ToTagValue()));

    private static KeyValuePair<string, object?> Transport(TransportKind transport) =>
        transport == TransportKind.WebSocket ? WebSocketTag : AjaxTag;
}
