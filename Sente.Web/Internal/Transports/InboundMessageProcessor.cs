using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sente.Protocol;
using Sente.Web.Diagnostics;
using Sente.Web.Internal.Connections;

namespace Sente.Web.Internal.Transports;

/// <summary>What became of one client message.</summary>
internal enum InboundOutcome
{
    /// <summary>Forwarded to the silo (or an ack/pong taken).</summary>
    Accepted,

    /// <summary>Not JSON, or not an envelope: dropped.</summary>
    Malformed,

    /// <summary>A client ping; the transport answers <c>["pong", cb]</c>.</summary>
    Ping,

    /// <summary>Not a valid event (or a reserved id): raised as <c>chsk/bad-event</c>; a request gets <c>chsk/error</c>.</summary>
    BadEvent,

    /// <summary>The silo could not take it; a request gets <c>chsk/error</c>.</summary>
    Failed,

    /// <summary>Over the connection's event rate: dropped; the client gets <c>chsk/error</c>.</summary>
    RateLimited,
}

/// <summary>
/// Classifies one client message and forwards it. Shared by every transport so that the rules of
/// PROTOCOL.md sections 5 and 8 are written once.
/// </summary>
internal sealed partial class InboundMessageProcessor(SenteWebMetrics metrics, ILogger<InboundMessageProcessor> logger)
{
    public async Task<(InboundOutcome Outcome, string? Callback)> ProcessAsync(ConnectionSession session, ReadOnlyMemory<byte> utf8)
    {
        var connection = session.Connection;
        var parse = EnvelopeParser.TryParse(utf8, out var envelope);
        if (parse != EnvelopeError.None)
        {
            Log.Malformed(logger, connection.Uid, connection.ClientId, connection.ConnectionId, parse, utf8.Length);
            metrics.Rejected(RequestRejection.Malformed);
            return (InboundOutcome.Malformed, null);
        }

        var cb = envelope!.Callback;
        if (EventValidator.TryCreate(envelope.Payload, out var evt) != EventError.None)
        {
            return (await BadEventAsync(session, envelope.Payload, RequestRejection.BadEvent, "invalid event"), cb);
        }

        switch (evt!.Id)
        {
            case SenteEventIds.WsPing:
                return (InboundOutcome.Ping, cb);
            case SenteEventIds.WsPong:
                return (InboundOutcome.Accepted, cb);
            case SenteEventIds.Ack:
                // Read the ack from the payload already parsed: acks arrive after every batch.
                if (envelope.Payload.GetArrayLength() == 2 && envelope.Payload[1] is { ValueKind: JsonValueKind.Number } n
                    && n.TryGetInt64(out var seq) && seq >= 0)
                {
                    session.Ack(seq);
                    return (InboundOutcome.Accepted, cb);
                }

                return (await BadEventAsync(session, envelope.Payload, RequestRejection.BadEvent, "ack is not a non-negative integer"), cb);
        }

        if (SenteEventIds.IsReserved(evt.Id))
        {
            return (await BadEventAsync(session, envelope.Payload, RequestRejection.ReservedId, "reserved event id"), cb);
        }

        if (connection.Limiter is { } limiter && !limiter.TryAcquire())
        {
            Log.RateLimited(logger, connection.Uid, connection.ClientId, evt.Id);
            metrics.Rejected(RequestRejection.RateLimited);
            return (InboundOutcome.RateLimited, cb);
        }

        try
        {
            await session.PublishAsync(evt, cb);
            metrics.EventReceived(connection.Transport);
            return (InboundOutcome.Accepted, cb);
        }
        catch (Exception ex)
        {
            Log.PublishFailed(logger, ex, connection.Uid, connection.ClientId, evt.Id);
            metrics.Rejected(RequestRejection.Unavailable);
            return (InboundOutcome.Failed, cb);
        }
    }

    private async Task<InboundOutcome> BadEventAsync(ConnectionSession session, JsonElement payload, RequestRejection rejection, string why)
    {
        var connection = session.Connection;
        Log.BadEvent(logger, connection.Uid, connection.ClientId, why);
        metrics.Rejected(rejection);
        try
        {
            await session.PublishAsync(new SenteEvent(SenteEventIds.BadEvent, payload.GetRawText()), null);
        }
        catch (Exception ex)
        {
            Log.PublishFailed(logger, ex, connection.Uid, connection.ClientId, SenteEventIds.BadEvent);
        }

        return InboundOutcome.BadEvent;
    }

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Warning, "Malformed message from user {UserId} client {ClientId} on {ConnectionId}: {Error} ({Size} bytes); dropped.", EventName = "MalformedMessage")]
        public static partial void Malformed(ILogger logger, string userId, string clientId, string connectionId, EnvelopeError error, int size);

        [LoggerMessage(51, LogLevel.Information, "Bad event from user {UserId} client {ClientId}: {Reason}; raised as chsk/bad-event.", EventName = "BadEvent")]
        public static partial void BadEvent(ILogger logger, string userId, string clientId, string reason);

        [LoggerMessage(53, LogLevel.Debug, "Event {EventId} from user {UserId} client {ClientId} is over the rate limit; dropped.", EventName = "RateLimited")]
        public static partial void RateLimited(ILogger logger, string userId, string clientId, string eventId);

        [LoggerMessage(52, LogLevel.Error, "Could not forward {EventId} from user {UserId} client {ClientId} to the silo.", EventName = "PublishFailed")]
        public static partial void PublishFailed(ILogger logger, Exception exception, string userId, string clientId, string eventId);
    }
}
