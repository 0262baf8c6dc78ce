using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Sente.Protocol;

namespace Sente.FunctionalTests.Infrastructure;

/// <summary>
/// A bare <see cref="ClientWebSocket"/> speaking the protocol by hand, to check the wire exactly
/// (Sente.Client hides it). A background reader queues every text message.
/// </summary>
public sealed class RawSenteSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<string> _messages = Channel.CreateUnbounded<string>();
    private readonly Task _reader;
    private readonly Queue<string> _pushedBack = new();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RawSenteSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public Envelope Handshake { get; private set; } = null!;

    /// <summary>Gets the handshake's <c>meta.seq</c>.</summary>
    public long HandshakeSeq => Handshake.GetMetaInt64(ProtocolConstants.MetaSeq)!.Value;

    /// <summary>Gets the number of text messages received so far (handshake included).</summary>
    public int MessagesReceived { get; private set; }

    /// <summary>Completes with the close status when the server closes (null when the connection just dropped).</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    public WebSocketState State => _socket.State;

    /// <summary>
    /// Connects and reads the handshake. With a cookie, fetches a CSRF token with it first (as a page's
    /// client would) unless <paramref name="csrf"/> is false or the URI already carries one.
    /// </summary>
    public static async Task<RawSenteSocket> ConnectAsync(Uri uri, string? cookie = null, string? origin = null, bool csrf = true)
    {
        if (cookie is not null && csrf && !uri.Query.Contains("csrf-token=", StringComparison.Ordinal))
        {
            (cookie, var token) = await CsrfTokens.FetchAsync(uri, cookie);
            uri = CsrfTokens.WithToken(uri, token);
        }

        var socket = new ClientWebSocket();
        if (cookie is not null)
        {
            socket.Options.SetRequestHeader("Cookie", cookie);
        }

        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(uri, CancellationToken.None).DefaultTimeout();
        var raw = new RawSenteSocket(socket);
        raw.Handshake = await raw.ReceiveAsync();
        Assert.Equal(SenteEventIds.Handshake, raw.Handshake.Payload[0].GetString());
        return raw;
    }

    public async Task<string> ReceiveTextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeoutExtensions.Default);
        try
        {
            return await NextAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No message from the server in time.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The connection closed ({_closed.Task.Result}) before the expected message.");
        }
    }

    public async Task<Envelope> ReceiveAsync(TimeSpan? timeout = null)
    {
        var text = await ReceiveTextAsync(timeout);
        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(text, out var envelope));
        return envelope!;
    }

    /// <summary>Whether any message arrives within <paramref name="wait"/> (for "nothing arrives" checks).</summary>
    public async Task<string?> TryReceiveTextAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            return await NextAsync(cts.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Reads batches until <paramref name="count"/> events arrived; checks seqs are consecutive.</summary>
    public async Task<ReceivedEvents> ReceiveEventsAsync(int count, long? afterSeq = null, TimeSpan? timeout = null)
    {
        var result = new ReceivedEvents(afterSeq ?? HandshakeSeq);
        using var cts = new CancellationTokenSource(timeout ?? TimeoutExtensions.Default);
        while (result.Events.Count < count)
        {
            var text = await NextAsync(cts.Token);
            Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(text, out var envelope));
            if (envelope!.Payload.ValueKind == JsonValueKind.Array && envelope.GetMetaInt64(ProtocolConstants.MetaSeq) is { } seq)
            {
                result.AddBatch(seq, envelope.Payload);
            }
            else
            {
                result.Other.Add(text);
            }
        }

        return result;
    }

    /// <summary>Puts a message back so the next receive returns it first (a reply reader that met a push).</summary>
    public void PushBack(string text) => _pushedBack.Enqueue(text);

    private ValueTask<string> NextAsync(CancellationToken cancellationToken) =>
        _pushedBack.TryDequeue(out var text) ? ValueTask.FromResult(text) : _messages.Reader.ReadAsync(cancellationToken);

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public Task SendAsync(byte[] bytes, WebSocketMessageType type = WebSocketMessageType.Text) =>
        _socket.SendAsync(bytes, type, true, CancellationToken.None).DefaultTimeout();

    /// <summary>Sends one text message as several frames, one per part (parts may be empty).</summary>
    public async Task SendFragmentsAsync(params string[] parts)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(parts[i]), WebSocketMessageType.Text, i == parts.Length - 1, CancellationToken.None).DefaultTimeout();
        }
    }

    public Task SendEventAsync(string id, string? dataJson = null, string? cb = null) =>
        SendAsync(EnvelopeWriter.ClientEvent(new SenteEvent(id, dataJson), cb));

    /// <summary>Drops the TCP connection without a close handshake (a network failure, as the server sees it).</summary>
    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception)
            {
                _socket.Abort();
            }
        }

        _socket.Dispose();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var count = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count).ToArraySegment(), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed.TrySetResult(result.CloseStatus);
                    return;
                }

                MessagesReceived++;
                await _messages.Writer.WriteAsync(Encoding.UTF8.GetString(buffer, 0, count));
            }
        }
        catch (Exception)
        {
            _closed.TrySetResult(null);
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }
}

/// <summary>Events received in batches, with the checks every test wants: consecutive seqs, frame counts.</summary>
public sealed class ReceivedEvents(long startSeq)
{
    public long LastSeq { get; private set; } = startSeq;

    public List<(long Seq, JsonElement Event)> Events { get; } = [];

    public int Batches { get; private set; }

    public List<string> Other { get; } = [];

    public void AddBatch(long firstSeq, JsonElement payload)
    {
        Assert.True(firstSeq == LastSeq + 1, $"batch starts at seq {firstSeq}, expected {LastSeq + 1}");
        Batches++;
        foreach (var evt in payload.EnumerateArray())
        {
            Events.Add((++LastSeq, evt.Clone()));
        }
    }
}

internal static class MemoryExtensions
{
    public static ArraySegment<byte> ToArraySegment(this Memory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(memory, out var segment) ? segment : throw new InvalidOperationException();
}
