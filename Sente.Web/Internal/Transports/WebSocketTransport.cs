using System.Buffers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sente.Protocol;
using Sente.Web.Diagnostics;
using Sente.Web.Internal.Connections;
using Sente.Wire;

namespace Sente.Web.Internal.Transports;

/// <summary>
/// The WebSocket transport: handshake first, then one reader (client messages) and one writer
/// (everything queued on the connection, pushes merged into batches within the send window).
/// </summary>
internal sealed partial class WebSocketTransport(
    ConnectionSessionFactory sessions,
    LocalConnectionRegistry registry,
    InboundMessageProcessor processor,
    SenteWebMetrics metrics,
    IOptions<SenteOptions> options,
    TimeProvider time,
    ILogger<WebSocketTransport> logger) : ISenteTransport
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);
    private readonly SenteOptions _options = options.Value;

    public async Task ProcessRequestAsync(HttpContext context, SenteRequest request)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var limiter = new InboundRateLimiter(_options.Limits);
        var connection = new SenteConnection(request.Uid, request.ClientId, TransportKind.WebSocket, _options.MaxQueuedEventsPerConnection, time)
        {
            Limiter = limiter,
        };
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(connection.Aborted.Token, context.RequestAborted);
        var session = sessions.Create(connection);

        // Registered before connecting: the user grain may deliver before it has answered us,
        // and those events must wait in the queue, behind the handshake.
        registry.Add(connection);
        metrics.ConnectionOpened(TransportKind.WebSocket);
        ConnectResult result;
        try
        {
            result = await session.ConnectAsync(request.LastSeq);
        }
        catch (Exception ex)
        {
            Log.ConnectFailed(logger, ex, request.Uid, request.ClientId);
            registry.Remove(connection);
            metrics.ConnectionClosed(TransportKind.WebSocket, ConnectionEndReason.Error);
            await CloseQuietlyAsync(socket, WebSocketCloseStatus.InternalServerError, "temporarily unavailable");
            return;
        }

        Log.Opened(logger, request.Uid, request.ClientId, connection.ConnectionId, result.Seq);
        Task writer = Task.CompletedTask;
        try
        {
            var handshake = EnvelopeWriter.Handshake(
                request.Uid, request.HandshakeDataJson, result.Seq, result.Resumed,
                (long)_options.WebSockets.KeepAlive.TotalMilliseconds, (long)_options.LongPollTimeout.TotalMilliseconds);
            await socket.SendAsync(handshake, WebSocketMessageType.Text, true, aborted.Token);
            metrics.HandshakeSent(TransportKind.WebSocket, result.Resumed);
            writer = WriteLoopAsync(socket, connection, result.Seq, aborted.Token);
            await ReadLoopAsync(socket, session, aborted.Token);

            // The read loop returns only on the client's close frame (unless the server closed first).
            connection.SetEndReason(ConnectionEndReason.Client);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The peer went away or the connection was aborted (keep-alive timeout, node shutdown):
            // whoever aborted recorded why first; otherwise the network dropped it.
            connection.SetEndReason(ConnectionEndReason.ConnectionLost);
        }
        finally
        {
            registry.Remove(connection);

            // Every expected way out recorded a reason by now; Error stands for anything unforeseen.
            connection.Close(1000, "", ConnectionEndReason.Error);
            await writer.WaitAsync(CloseHandshakeTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            connection.Abort(ConnectionEndReason.Error);
            metrics.ConnectionClosed(TransportKind.WebSocket, connection.EndReason);
            Log.Closed(logger, request.Uid, request.ClientId, connection.ConnectionId, socket.CloseStatus, connection.EndReason);
            try
            {
                await session.DisconnectAsync();
            }
            catch (Exception ex)
            {
                // The grain notices anyway: its next delivery to us fails and the lease backs that up.
                Log.DisconnectNotRecorded(logger, ex, request.Uid, request.ClientId);
            }
        }
    }

    private async Task ReadLoopAsync(WebSocket socket, ConnectionSession session, CancellationToken cancellationToken)
    {
        var connection = session.Connection;
        var max = _options.MaxMessageBytes;
        var malformed = new SlidingWindowCounter(_options.WebSockets.MaxMalformedMessages, _options.WebSockets.MalformedWindow, time);
        var rejected = new SlidingWindowCounter(_options.Limits.MaxRejectedPer10Seconds, TimeSpan.FromSeconds(10), time);
        byte[]? buffer = null;
        var count = 0;
        var discarding = false;
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult received;
                if (buffer is null)
                {
                    // Between messages no buffer is held: a zero-byte read waits for the next frame,
                    // so an idle connection costs no receive buffer (SignalR and Kestrel do the same).
                    received = await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    buffer = ArrayPool<byte>.Shared.Rent(4096);
                    if (!received.EndOfMessage)
                    {
                        continue;
                    }

                    // An empty message was read whole (and is judged like any other message).
                }
                else
                {
                    if (count == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max + 1));
                        buffer.AsSpan(0, count).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    received = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                }

                count += received.Count;
                if (discarding)
                {
                    // After closing with 1009 we keep reading (and dropping) until the peer's close
                    // frame, so the close code reaches it instead of a connection reset.
                    count = 0;
                    ReturnBuffer(ref buffer);
                    continue;
                }

                if (count > max)
                {
                    Log.MessageTooBig(logger, connection.Uid, connection.ClientId, max);
                    metrics.Rejected(RequestRejection.Oversize);
                    connection.Close(ProtocolConstants.CloseMessageTooBig, "message too big", ConnectionEndReason.Oversize);
                    discarding = true;
                    count = 0;
                    ReturnBuffer(ref buffer);
                    continue;
                }

                if (!received.EndOfMessage)
                {
                    continue;
                }

                connection.MarkReceived();
                var (outcome, cb) = await processor.ProcessAsync(session, buffer.AsMemory(0, count));
                count = 0;
                ReturnBuffer(ref buffer);
                switch (outcome)
                {
                    case InboundOutcome.Ping when cb is not null:
                        connection.Send(EnvelopeWriter.Reply(PongJson, cb));
                        break;
                    case InboundOutcome.BadEvent or InboundOutcome.Failed when cb is not null:
                        connection.Send(EnvelopeWriter.ReservedReply(CallbackReplies.Error, cb));
                        break;
                    case InboundOutcome.RateLimited:
                        connection.Send(cb is null ? RateLimitedNotice : EnvelopeWriter.ReservedReply(CallbackReplies.Error, cb));
                        if (rejected.Add())
                        {
                            Log.Flooding(logger, connection.Uid, connection.ClientId, connection.ConnectionId);
                            connection.Close(ProtocolConstants.ClosePolicyViolation, "rate limit exceeded", ConnectionEndReason.RateLimited);
                            discarding = true;
                        }

                        break;
                    case InboundOutcome.Malformed when malformed.Add():
                        Log.TooManyMalformed(logger, connection.Uid, connection.ClientId, connection.ConnectionId);
                        connection.Close(ProtocolConstants.ClosePolicyViolation, "too many malformed messages", ConnectionEndReason.ProtocolError);
                        discarding = true;
                        break;
                }
            }
        }
        finally
        {
            ReturnBuffer(ref buffer);
        }
    }

    private static void ReturnBuffer(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }

    private static readonly byte[] RateLimitedNotice =
        EnvelopeWriter.Notice(new SenteEvent(SenteEventIds.Error, """{"reason":"rate-limited"}"""));

    private static readonly string PongJson = System.Text.Json.JsonSerializer.Serialize(ProtocolConstants.Pong);

    /// <summary>
    /// Writes queued messages in order. Pushes are merged: a push to a connection that has been quiet
    /// for a send window leaves at once; later ones wait for the rest of the window and leave together.
    /// </summary>
    private async Task WriteLoopAsync(WebSocket socket, SenteConnection connection, long startSeq, CancellationToken cancellationToken)
    {
        var reader = connection.Reader;
        var window = _options.WebSockets.SendWindow;
        var batch = new BatchAccumulator(startSeq);
        long lastBatchAt = 0;
        Task? windowEnd = null;
        Task<bool>? pendingRead = null;
        try
        {
            while (true)
            {
                while (reader.TryRead(out var message))
                {
                    switch (message)
                    {
                        case RawMessage raw:
                            await socket.SendAsync(raw.Utf8, WebSocketMessageType.Text, true, cancellationToken);
                            break;
                        case EventDelivery delivery:
                            connection.EventsWritten(delivery.Events.Length);
                            if (!batch.TryAdd(delivery))
                            {
                                Log.SeqGap(logger, connection.Uid, connection.ClientId, batch.LastSeq, delivery.FirstSeq);
                                connection.SetEndReason(ConnectionEndReason.Error);
                                await CloseAsync(socket, connection, WebSocketCloseStatus.InternalServerError, "seq gap", cancellationToken);
                                return;
                            }

                            break;
                        case CloseMessage close:
                            if (batch.Count > 0)
                            {
                                await SendBatchAsync(socket, batch, cancellationToken);
                            }

                            await CloseAsync(socket, connection, (WebSocketCloseStatus)close.Code, close.Reason, cancellationToken);
                            return;
                    }
                }

                if (batch.Count > 0)
                {
                    var elapsed = lastBatchAt == 0 ? window : time.GetElapsedTime(lastBatchAt);
                    if (elapsed >= window)
                    {
                        await SendBatchAsync(socket, batch, cancellationToken);
                        lastBatchAt = time.GetTimestamp();
                        windowEnd = null;
                        continue;
                    }

                    // One timer per window and one pending read at a time, however many messages arrive meanwhile.
                    windowEnd ??= Task.Delay(window - elapsed, time, cancellationToken);
                    pendingRead ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                    await Task.WhenAny(pendingRead, windowEnd);
                    if (pendingRead.IsCompleted)
                    {
                        var more = await pendingRead;
                        pendingRead = null;
                        if (!more)
                        {
                            await SendBatchAsync(socket, batch, cancellationToken);
                            return;
                        }
                    }

                    continue;
                }

                var hasMessages = pendingRead is not null ? await pendingRead : await reader.WaitToReadAsync(cancellationToken);
                pendingRead = null;
                if (!hasMessages)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            connection.Abort(ConnectionEndReason.ConnectionLost);
        }
    }

    private async Task SendBatchAsync(WebSocket socket, BatchAccumulator batch, CancellationToken cancellationToken)
    {
        var events = batch.Count;
        await socket.SendAsync(batch.Write(), WebSocketMessageType.Text, true, cancellationToken);
        metrics.BatchSent(TransportKind.WebSocket, events);
    }

    private static async Task CloseAsync(WebSocket socket, SenteConnection connection, WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(status, reason, cancellationToken);
        }

        // Give the peer a moment to answer the close; then the reader is cancelled.
        connection.Aborted.CancelAfter(CloseHandshakeTimeout);
    }

    private static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        try
        {
            await socket.CloseOutputAsync(status, reason, CancellationToken.None).WaitAsync(CloseHandshakeTimeout);
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or IOException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Debug, "WebSocket opened: user {UserId} client {ClientId} as {ConnectionId}, stream after seq {Seq}.", EventName = "WebSocketOpened")]
        public static partial void Opened(ILogger logger, string userId, string clientId, string connectionId, long seq);

        [LoggerMessage(101, LogLevel.Debug, "WebSocket closed: user {UserId} client {ClientId} {ConnectionId} ({CloseStatus}, {EndReason}).", EventName = "WebSocketClosed")]
        public static partial void Closed(ILogger logger, string userId, string clientId, string connectionId, WebSocketCloseStatus? closeStatus, ConnectionEndReason endReason);

        [LoggerMessage(102, LogLevel.Error, "Could not connect user {UserId} client {ClientId} to its user grain.", EventName = "ConnectFailed")]
        public static partial void ConnectFailed(ILogger logger, Exception exception, string userId, string clientId);

        [LoggerMessage(103, LogLevel.Warning, "Message from user {UserId} client {ClientId} exceeds {Limit} bytes; closing with 1009.", EventName = "MessageTooBig")]
        public static partial void MessageTooBig(ILogger logger, string userId, string clientId, int limit);

        [LoggerMessage(104, LogLevel.Warning, "Too many malformed messages from user {UserId} client {ClientId} on {ConnectionId}; closing with 1008.", EventName = "TooManyMalformed")]
        public static partial void TooManyMalformed(ILogger logger, string userId, string clientId, string connectionId);

        [LoggerMessage(105, LogLevel.Error, "Seq gap for user {UserId} client {ClientId}: had {LastSeq}, got a delivery from {FirstSeq}; closing so the client resumes.", EventName = "SeqGap")]
        public static partial void SeqGap(ILogger logger, string userId, string clientId, long lastSeq, long firstSeq);

        [LoggerMessage(107, LogLevel.Warning, "User {UserId} client {ClientId} keeps exceeding the event rate on {ConnectionId}; closing with 1008.", EventName = "Flooding")]
        public static partial void Flooding(ILogger logger, string userId, string clientId, string connectionId);

        [LoggerMessage(106, LogLevel.Warning, "Could not record the disconnect of user {UserId} client {ClientId}.", EventName = "DisconnectNotRecorded")]
        public static partial void DisconnectNotRecorded(ILogger logger, Exception exception, string userId, string clientId);
    }
}
