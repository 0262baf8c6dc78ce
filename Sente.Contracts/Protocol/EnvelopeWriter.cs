using System.Buffers;
using System.Text.Json;

namespace Sente.Protocol;

/// <summary>
/// Writes every message of the protocol as UTF-8 JSON. The server and the .NET client both use it,
/// so the shapes live in one place.
/// </summary>
public static class EnvelopeWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>The handshake: <c>[["chsk/handshake", [uid, null, data]], null, meta]</c>.</summary>
    /// <param name="uid">The connection's uid.</param>
    /// <param name="handshakeDataJson">Application handshake data as JSON, or <see langword="null"/>.</param>
    /// <param name="seq">Where this connection's stream starts.</param>
    /// <param name="resumed">Whether a resume kept every event; <see langword="null"/> when no <c>last-seq</c> was sent.</param>
    /// <param name="kaliveMs">The server keep-alive in ms, or <see langword="null"/>.</param>
    /// <param name="lpTimeoutMs">The long-poll hold in ms, or <see langword="null"/>.</param>
    /// <returns>The message bytes.</returns>
    public static byte[] Handshake(string uid, string? handshakeDataJson, long seq, bool? resumed, long? kaliveMs, long? lpTimeoutMs) =>
        Write(w =>
        {
            w.WriteStartArray();
            w.WriteStartArray();
            w.WriteStringValue(SenteEventIds.Handshake);
            w.WriteStartArray();
            w.WriteStringValue(uid);
            w.WriteNullValue();
            WriteRawOrNull(w, handshakeDataJson);
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteNullValue();
            w.WriteStartObject();
            w.WriteNumber(ProtocolConstants.MetaVersion, ProtocolConstants.Version);
            w.WriteNumber(ProtocolConstants.MetaSeq, seq);
            if (resumed is { } r)
            {
                w.WriteBoolean(ProtocolConstants.MetaResumed, r);
            }

            if (kaliveMs is { } k)
            {
                w.WriteNumber(ProtocolConstants.MetaKaliveMs, k);
            }

            if (lpTimeoutMs is { } lp)
            {
                w.WriteNumber(ProtocolConstants.MetaLpTimeoutMs, lp);
            }

            w.WriteEndObject();
            w.WriteEndArray();
        });

    /// <summary>A batch of pushed events: <c>[[ev…], null, {"seq": firstSeq}]</c>.</summary>
    /// <param name="firstSeq">The seq of the first event.</param>
    /// <param name="events">1..n events with consecutive seqs.</param>
    /// <returns>The message bytes.</returns>
    public static byte[] Batch(long firstSeq, IReadOnlyList<SenteEvent> events) =>
        Write(w => WriteBatch(w, firstSeq, events));

    /// <summary>Writes a batch message to <paramref name="writer"/>.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="firstSeq">The seq of the first event.</param>
    /// <param name="events">The events.</param>
    public static void WriteBatch(Utf8JsonWriter writer, long firstSeq, IReadOnlyList<SenteEvent> events)
    {
        writer.WriteStartArray();
        writer.WriteStartArray();
        for (var i = 0; i < events.Count; i++)
        {
            events[i].WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteNullValue();
        writer.WriteStartObject();
        writer.WriteNumber(ProtocolConstants.MetaSeq, firstSeq);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>A reply to a request: <c>[reply, cb]</c> (Ajax uses <c>null</c> as cb).</summary>
    /// <param name="replyJson">The reply value as JSON.</param>
    /// <param name="cb">The request's callback id, or <see langword="null"/> for an Ajax POST reply.</param>
    /// <returns>The message bytes.</returns>
    public static byte[] Reply(string replyJson, string? cb) =>
        Write(w =>
        {
            w.WriteStartArray();
            w.WriteRawValue(replyJson, skipInputValidation: true);
            WriteStringOrNull(w, cb);
            w.WriteEndArray();
        });

    /// <summary>A reply carrying a reserved string such as <c>"chsk/error"</c>.</summary>
    /// <param name="value">The reserved reply value.</param>
    /// <param name="cb">The callback id.</param>
    /// <returns>The message bytes.</returns>
    public static byte[] ReservedReply(string value, string? cb) => Reply(JsonSerializer.Serialize(value), cb);

    /// <summary>A bare control message <c>[keyword, null]</c>, e.g. <c>["chsk/ws-ping", null]</c>.</summary>
    /// <param name="keyword">The control keyword.</param>
    /// <returns>The message bytes.</returns>
    public static byte[] Control(string keyword) =>
        Write(w =>
        {
            w.WriteStartArray();
            w.WriteStringValue(keyword);
            w.WriteNullValue();
            w.WriteEndArray();
        });

    /// <summary>A control message with data: <c>[[id, data], null]</c>, e.g. a <c>chsk/error</c> notice.</summary>
    /// <param name="evt">The event.</param>
    /// <returns>The message bytes.</returns>
    public static byte[] Notice(SenteEvent evt) =>
        Write(w =>
        {
            w.WriteStartArray();
            evt.WriteTo(w);
            w.WriteNullValue();
            w.WriteEndArray();
        });

    /// <summary>A client event: <c>[[id, data], cb]</c>.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="cb">The callback id, or <see langword="null"/>.</param>
    /// <returns>The message bytes.</returns>
    public static byte[] ClientEvent(SenteEvent evt, string? cb) =>
        Write(w =>
        {
            w.WriteStartArray();
            evt.WriteTo(w);
            WriteStringOrNull(w, cb);
            w.WriteEndArray();
        });

    /// <summary>A client ack: <c>[["chsk/ack", seq], null]</c>.</summary>
    /// <param name="seq">The last seq processed.</param>
    /// <returns>The message bytes.</returns>
    public static byte[] Ack(long seq) => ClientEvent(new SenteEvent(SenteEventIds.Ack, seq.ToString(System.Globalization.CultureInfo.InvariantCulture)), null);

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRawOrNull(Utf8JsonWriter w, string? json)
    {
        if (json is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(json, skipInputValidation: true);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    }
}
