using System.Text.Json;
using Sente.Protocol;

namespace Sente.Client.Internal;

/// <summary>Turns a received frame into an <see cref="InboundMessage"/>; never throws on bad input.</summary>
internal static class InboundMessageReader
{
    public static InboundMessage Read(ReadOnlyMemory<byte> utf8)
    {
        var error = EnvelopeParser.TryParse(utf8, out var envelope);
        return error == EnvelopeError.None ? Read(envelope!) : new InvalidMessage($"not an envelope ({error})");
    }

    public static InboundMessage Read(Envelope envelope)
    {
        var payload = envelope.Payload;

        // 5 cases, by shape:
        // 1 - a cb: the reply to a request (or "pong" to our ping), whatever the payload.
        // 2 - the string "chsk/ws-ping": a server keep-alive ping.
        // 3 - an array starting with a string: a single reserved event (handshake or notice).
        // 4 - an array of arrays: a batch of pushed events.
        // 5 - anything else (e.g. an Ajax-only "chsk/timeout"): dropped.
        if (envelope.Callback is { } cb)
        {
            return new ReplyMessage(cb, payload);
        }

        if (payload.ValueKind == JsonValueKind.String)
        {
            return payload.GetString() == SenteEventIds.WsPing
                ? new ServerPingMessage()
                : new InvalidMessage("unexpected control keyword");
        }

        if (payload.ValueKind != JsonValueKind.Array || payload.GetArrayLength() == 0)
        {
            return new InvalidMessage("payload is neither an event nor a batch");
        }

        var first = payload[0];
        if (first.ValueKind == JsonValueKind.String)
        {
            return ReadSingleEvent(payload, envelope);
        }

        return ReadBatch(payload, envelope);
    }

    private static InboundMessage ReadSingleEvent(JsonElement payload, Envelope envelope)
    {
        if (EventValidator.TryCreate(payload, out var evt) != EventError.None)
        {
            return new InvalidMessage("invalid event");
        }

        if (evt!.Id == SenteEventIds.Handshake)
        {
            return ReadHandshake(payload, envelope);
        }

        // Servers push application events only inside batches (they need a seq), so a bare
        // event can only be a reserved notice.
        return SenteEventIds.IsReserved(evt.Id) ? new NoticeMessage(evt) : new InvalidMessage("application event outside a batch");
    }

    private static InboundMessage ReadHandshake(JsonElement payload, Envelope envelope)
    {
        if (payload.GetArrayLength() != 2 || payload[1] is not { ValueKind: JsonValueKind.Array } data || data.GetArrayLength() != 3)
        {
            return new InvalidMessage("handshake data is not [uid, null, data]");
        }

        if (data[0].ValueKind != JsonValueKind.String)
        {
            return new InvalidMessage("handshake uid is not a string");
        }

        if (envelope.GetMetaInt64(ProtocolConstants.MetaSeq) is not { } seq || seq < 0)
        {
            return new InvalidMessage("handshake without meta.seq");
        }

        JsonElement? appData = data[2].ValueKind == JsonValueKind.Null ? null : data[2].Clone();
        return new HandshakeMessage(
            data[0].GetString()!,
            appData,
            seq,
            envelope.GetMetaBoolean(ProtocolConstants.MetaResumed),
            envelope.GetMetaInt64(ProtocolConstants.MetaKaliveMs));
    }

    private static InboundMessage ReadBatch(JsonElement payload, Envelope envelope)
    {
        if (envelope.GetMetaInt64(ProtocolConstants.MetaSeq) is not { } firstSeq || firstSeq < 1)
        {
            return new InvalidMessage("batch without a valid meta.seq");
        }

        var events = new SenteEvent[payload.GetArrayLength()];
        var i = 0;
        foreach (var item in payload.EnumerateArray())
        {
            // Sente's as-event: a bad event keeps its place (and its seq) as chsk/bad-event.
            events[i++] = EventValidator.AsEvent(item);
        }

        return new BatchMessage(firstSeq, events);
    }
}
