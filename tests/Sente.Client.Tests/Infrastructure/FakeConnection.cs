using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Sente.Protocol;

namespace Sente.Client.Tests.Infrastructure;

/// <summary>One client WebSocket as the fake server sees it.</summary>
internal sealed class FakeConnection(HttpContext context, WebSocket socket, bool autoPong)
{
    private readonly Channel<Envelope> _received = Channel.CreateUnbounded<Envelope>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Envelope> _all = [];

    public IQueryCollection Query { get; } = context.Request.Query;

    public string? LastSeq => Query.TryGetValue(ProtocolConstants.LastSeqQueryKey, out var v) ? v.ToString() : null;

    /// <summary>Gets a task that completes with the client's close status (null: dropped without a close frame).</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    /// <summary>Gets a copy of everything received so far.</summary>
    public IReadOnlyList<Envelope> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public Task SendHandshakeAsync(string uid = "alice", string? dataJson = null, long seq = 0, bool? resumed = null, long? kaliveMs = 12500) =>
        SendAsync(EnvelopeWriter.Handshake(uid, dataJson, seq, resumed, kaliveMs, null));

    public Task SendBatchAsync(long firstSeq, params SenteEvent[] events) => SendAsync(EnvelopeWriter.Batch(firstSeq, events));

    public Task SendAsync(string json) => SendAsync(Encoding.UTF8.GetBytes(json));

    public async Task SendAsync(byte[] message)
    {
        await _sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame, like a network failure.</summary>
    public void Abort() => context.Abort();

    /// <summary>Waits for the next client message matching <paramref name="match"/>, skipping others.</summary>
    public async Task<Envelope> NextAsync(Func<Envelope, bool>? match = null)
    {
        using var cts = new CancellationTokenSource(TaskTimeoutExtensions.Timeout);
        while (true)
        {
            var envelope = await _received.Reader.ReadAsync(cts.Token);
            if (match is null || match(envelope))
            {
                return envelope;
            }
        }
    }

    /// <summary>Waits for a client event with id <paramref name="eventId"/>.</summary>
    public Task<Envelope> NextEventAsync(string eventId) => NextAsync(e => EventId(e) == eventId);

    /// <summary>Waits for an ack of at least <paramref name="seq"/>.</summary>
    public async Task<long> NextAckAsync(long seq)
    {
        var ack = await NextAsync(e => EventId(e) == SenteEventIds.Ack && e.Payload[1].GetInt64() >= seq);
        return ack.Payload[1].GetInt64();
    }

    public static string? EventId(Envelope e) =>
        e.Payload.ValueKind == JsonValueKind.Array && e.Payload.GetArrayLength() > 0 && e.Payload[0].ValueKind == JsonValueKind.String
            ? e.Payload[0].GetString()
            : null;

    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    _closed.TrySetResult(socket.CloseStatus);
                    return;
                }

                // A client message that is not an envelope is a client bug: record it so the test sees it.
                if (EnvelopeParser.TryParse(buffer.AsMemory(0, count), out var envelope) != EnvelopeError.None)
                {
                    envelope = new Envelope(JsonDocument.Parse("\"<not an envelope>\"").RootElement.Clone(), null, null);
                }

                lock (_all)
                {
                    _all.Add(envelope!);
                }

                if (autoPong && EventId(envelope!) == SenteEventIds.WsPing && envelope!.Callback is { } cb)
                {
                    await SendAsync(EnvelopeWriter.ReservedReply(ProtocolConstants.Pong, cb));
                }

                _received.Writer.TryWrite(envelope!);
            }
        }
        catch (Exception)
        {
            // Aborted by either side: the test observes it through Closed.
        }
        finally
        {
            _closed.TrySetResult(null);
        }
    }
}
