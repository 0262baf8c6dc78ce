using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sente.Protocol;

namespace Sente.Client.Tests.Infrastructure;

/// <summary>
/// One Ajax request (handshake GET, poll GET or POST) held by the fake server until the test answers
/// it; records what the client sent and whether it gave up on the request.
/// </summary>
internal sealed class FakeAjaxRequest
{
    private readonly TaskCompletionSource<(int Status, byte[]? Body)> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeAjaxRequest(HttpContext context, byte[] body)
    {
        Method = context.Request.Method;
        Query = context.Request.Query;
        // Copied: Kestrel reuses the request's header collection once the response is written.
        Headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
        ContentType = context.Request.ContentType;
        RawBody = Encoding.UTF8.GetString(body);
        if (body.Length > 0 && EnvelopeParser.TryParse(body, out var envelope) == EnvelopeError.None)
        {
            Body = envelope;
        }

        context.RequestAborted.Register(() => _aborted.TrySetResult());
    }

    public string Method { get; }

    public IQueryCollection Query { get; }

    public IHeaderDictionary Headers { get; }

    public string? ContentType { get; }

    public string RawBody { get; }

    /// <summary>Gets the POST body as an envelope, if it is one.</summary>
    public Envelope? Body { get; }

    public string? Ack => Value(ProtocolConstants.AckQueryKey);

    public string? LastSeq => Value(ProtocolConstants.LastSeqQueryKey);

    public string? ClientId => Value(ProtocolConstants.ClientIdQueryKey);

    /// <summary>Gets the posted event's data element.</summary>
    public JsonElement Data => Body!.Payload[1];

    /// <summary>Gets the id of the posted event.</summary>
    public string? EventId => Body is { } b ? FakeConnection.EventId(b) : null;

    /// <summary>Gets a task that completes when the client gave up on the request (cancelled, aborted).</summary>
    public Task Aborted => _aborted.Task;

    internal Task<(int Status, byte[]? Body)> Response => _response.Task;

    /// <summary>The "status" of a request answered by resetting its connection instead of an HTTP response.</summary>
    public const int ConnectionReset = -1;

    public void Respond(int status, byte[]? body = null) => _response.TrySetResult((status, body));

    /// <summary>Drops the request's connection without an HTTP answer (as a network cut or a dying server does).</summary>
    public void ResetConnection() => Respond(ConnectionReset);

    public void RespondHandshake(string uid = "alice", long seq = 0, bool? resumed = null, long? lpTimeoutMs = null, string? dataJson = null) =>
        Respond(200, EnvelopeWriter.Handshake(uid, dataJson, seq, resumed, null, lpTimeoutMs));

    public void RespondBatch(long firstSeq, params SenteEvent[] events) => Respond(200, EnvelopeWriter.Batch(firstSeq, events));

    /// <summary>Answers <c>["chsk/timeout", null]</c> (a poll held for lp-timeout, or a POST without reply in time).</summary>
    public void RespondTimeout() => Respond(200, EnvelopeWriter.Control(SenteEventIds.Timeout));

    /// <summary>Answers a POST without reply: <c>["chsk/dummy-cb-200", null]</c>.</summary>
    public void RespondDummy() => Respond(200, EnvelopeWriter.Control(SenteEventIds.DummyCallback200));

    /// <summary>Answers a POST with a reply: <c>[reply, null]</c>.</summary>
    public void RespondReply(string replyJson) => Respond(200, EnvelopeWriter.Reply(replyJson, null));

    public void RespondReservedReply(string value) => Respond(200, EnvelopeWriter.ReservedReply(value, null));

    private string? Value(string key) => Query.TryGetValue(key, out var v) ? v.ToString() : null;
}
