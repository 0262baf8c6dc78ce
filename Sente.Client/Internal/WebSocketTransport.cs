using System.Buffers;
using System.Net.WebSockets;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Client.Internal;

/// <summary>The WebSocket transport: one text frame per envelope (PROTOCOL.md section 2).</summary>
internal sealed class WebSocketTransport(SenteClientOptions options) : ISenteTransport
{
    private const int ReceiveChunkBytes = 8 * 1024;

    private readonly ClientWebSocket _socket = new();

    public TransportKind Kind => TransportKind.WebSocket;

    public int? CloseCode => (int?)_socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public async Task ConnectAsync(TransportTarget target, ITransportHost host, CancellationToken cancellationToken)
    {
        var uri = ConnectUriBuilder.Build(target.Endpoint, target.ClientId, target.Query, target.CsrfToken, target.LastSeq);
        // Needed to report the HTTP status of a refused upgrade (401/403 per PROTOCOL.md section 8).
        _socket.Options.CollectHttpResponseDetails = true;
        if (options.Cookies is { } cookies)
        {
            _socket.Options.Cookies = cookies;
        }

        foreach (var (name, value) in target.Headers)
        {
            _socket.Options.SetRequestHeader(name, value);
        }

        try
        {
            await _socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException ex)
        {
            var status = _socket.HttpStatusCode == 0 ? (int?)null : (int)_socket.HttpStatusCode;
            throw new SenteConnectException(
                status is { } s ? $"The server refused the WebSocket upgrade with HTTP {s}." : "The WebSocket connection failed.",
                status,
                ex);
        }
    }

    public ValueTask SendAsync(SenteEvent evt, string? callback, CancellationToken cancellationToken) =>
        _socket.SendAsync(EnvelopeWriter.ClientEvent(evt, callback).AsMemory(), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public async ValueTask<InboundMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(ReceiveChunkBytes);
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(ReceiveChunkBytes), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > options.MaxReceiveMessageBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, $"A message exceeded {nameof(SenteClientOptions.MaxReceiveMessageBytes)}.");
            }

            if (result.EndOfMessage)
            {
                return InboundMessageReader.Read(buffer.WrittenSpan.ToArray());
            }
        }
    }

    public Task CloseOutputAsync(CancellationToken cancellationToken) =>
        _socket.State is WebSocketState.Open or WebSocketState.CloseReceived
            ? _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken)
            : Task.CompletedTask;

    public void Abort() => _socket.Abort();

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
