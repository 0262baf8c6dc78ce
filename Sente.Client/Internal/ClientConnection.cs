using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Client.Internal;

/// <summary>
/// One connection attempt and, after its handshake, one open connection: a receive loop, a writer
/// loop (the only sender, so frames never interleave), a keep-alive loop and an ack timer. It ends
/// exactly once, completing <see cref="Completion"/>; the client then decides whether to reconnect.
/// On Ajax there is no keep-alive and no ack frame: the poll cycle is the liveness check and each
/// poll carries the ack.
/// </summary>
internal sealed partial class ClientConnection : IAsyncDisposable, ITransportHost
{
    // A safety net against a server that never answers our close frame. Wall-clock on purpose, so a
    // paused test clock cannot hang DisconnectAsync or DisposeAsync.
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private static readonly OutboundMessage Pong = new(new SenteEvent(SenteEventIds.WsPong), null);

    private readonly ISenteTransport _transport;
    private readonly IConnectionOwner _owner;
    private readonly SenteClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _cts = new();
    private readonly Channel<OutboundMessage?> _outbox = Channel.CreateUnbounded<OutboundMessage?>(new() { SingleReader = true });
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SenteCloseInfo> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task _receiveLoop = Task.CompletedTask;
    private Task _writerLoop = Task.CompletedTask;
    private Task _keepAliveLoop = Task.CompletedTask;
    private Task _ackLoop = Task.CompletedTask;
    private long _lastReceiveTimestamp;
    private long _lastAckSent = -1;
    private int _ackQueued;
    private int _closeReason = -1;
    private volatile bool _open;
    private volatile bool _closing;

    public ClientConnection(ISenteTransport transport, IConnectionOwner owner, SenteClientOptions options, long? sentLastSeq, ILogger logger)
    {
        _transport = transport;
        _owner = owner;
        _options = options;
        _time = options.TimeProvider;
        _logger = logger;
        SentLastSeq = sentLastSeq;
        Pending = new PendingRequests(_time);
    }

    /// <summary>Gets the <c>last-seq</c> this connection asked to resume after, if any.</summary>
    public long? SentLastSeq { get; }

    /// <summary>Gets the requests waiting for a reply on this connection.</summary>
    public PendingRequests Pending { get; }

    /// <summary>Gets the transport kind.</summary>
    public TransportKind Kind => _transport.Kind;

    /// <summary>Gets a value indicating whether the handshake arrived and the connection is not closing.</summary>
    public bool IsOpen => _open && !_closing;

    /// <summary>Gets a task that completes, exactly once, when the connection has ended.</summary>
    public Task<SenteCloseInfo> Completion => _completion.Task;

    /// <summary>Gets a value indicating whether this is a long-polling connection (no keep-alive, acks ride on polls).</summary>
    private bool IsLongPoll => _transport.Kind == TransportKind.Ajax;

    /// <summary>Connects and waits for the handshake.</summary>
    public async Task StartAsync(TransportTarget target, CancellationToken cancellationToken)
    {
        await _transport.ConnectAsync(target, this, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastReceiveTimestamp, _time.GetTimestamp());
        _receiveLoop = ReceiveLoopAsync(_cts.Token);
        _writerLoop = WriterLoopAsync(_cts.Token);
        try
        {
            await _handshake.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abort(SenteCloseReason.Unexpected);
            throw;
        }
    }

    /// <summary>Queues an event for the writer; <see langword="false"/> when the connection is not open.</summary>
    public bool TrySend(SenteEvent evt, string? callback) => IsOpen && _outbox.Writer.TryWrite(new OutboundMessage(evt, callback));

    /// <summary>Queues a cumulative ack unless one is already queued; the writer reads the seq when it sends.</summary>
    public void RequestAck()
    {
        if (!IsOpen || IsLongPoll || _owner.LastProcessedSeq <= Interlocked.Read(ref _lastAckSent))
        {
            return;
        }

        // null in the outbox is the ack marker; coalescing keeps at most one in the queue.
        if (Interlocked.Exchange(ref _ackQueued, 1) == 0 && !_outbox.Writer.TryWrite(null))
        {
            Volatile.Write(ref _ackQueued, 0);
        }
    }

    /// <summary>Drops the connection at once (no close handshake) and fails pending requests with <c>chsk/closed</c>.</summary>
    public void Abort(SenteCloseReason reason)
    {
        SetCloseReason(reason);
        _closing = true;
        Pending.Close(CallbackReplies.Closed);
        _transport.Abort();
    }

    /// <summary>Closes cleanly (code 1000) after the queued frames, falling back to <see cref="Abort"/>.</summary>
    public async Task CloseAsync(SenteCloseReason reason)
    {
        SetCloseReason(reason);
        _closing = true;
        Pending.Close(CallbackReplies.Closed);
        _outbox.Writer.TryComplete();
        try
        {
            await _completion.Task.WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.CloseTimedOut(_logger);
            Abort(reason);
            await _completion.Task.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completion.Task.IsCompleted)
        {
            Abort(SenteCloseReason.RequestedDisconnect);
        }

        await _receiveLoop.ConfigureAwait(false);
        await _writerLoop.ConfigureAwait(false);
        await _keepAliveLoop.ConfigureAwait(false);
        await _ackLoop.ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        _cts.Dispose();
    }

    private void SetCloseReason(SenteCloseReason reason) => Interlocked.CompareExchange(ref _closeReason, (int)reason, -1);

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        Exception? error = null;
        var serverClosed = false;
        try
        {
            while (true)
            {
                var message = await _transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (message is null)
                {
                    serverClosed = true;
                    break;
                }

                Volatile.Write(ref _lastReceiveTimestamp, _time.GetTimestamp());
                Handle(message);
            }
        }
        catch (Exception ex)
        {
            // Aborts, resets and oversized messages all end here: the connection is gone either way.
            error = ex;
        }
        finally
        {
            Finish(serverClosed, error);
        }
    }

    private void Finish(bool serverClosed, Exception? error)
    {
        _closing = true;
        var code = serverClosed ? _transport.CloseCode : null;
        var fallback = serverClosed && code == 1000 ? SenteCloseReason.Clean : SenteCloseReason.Unexpected;
        SetCloseReason(fallback);
        var reason = (SenteCloseReason)Volatile.Read(ref _closeReason);
        if (error is not null && reason == SenteCloseReason.Unexpected)
        {
            Log.ReceiveFailed(_logger, error);
        }

        _cts.Cancel();
        _outbox.Writer.TryComplete();
        Pending.Close(CallbackReplies.Closed);
        var info = new SenteCloseInfo(_time.GetUtcNow(), reason, code, serverClosed ? _transport.CloseDescription : null);
        _handshake.TrySetException(new SenteConnectException(
            $"The connection closed before the handshake ({reason}{(code is { } c ? $", code {c}" : string.Empty)}).",
            innerException: error));
        _completion.TrySetResult(info);
    }

    private void Handle(InboundMessage message)
    {
        switch (message)
        {
            case ReplyMessage reply:
                if (!Pending.TryComplete(reply.Callback, reply.Value))
                {
                    Log.ReplyWithoutRequest(_logger, reply.Callback);
                }

                break;
            case BatchMessage batch when _open:
                _owner.OnBatch(this, batch);
                break;
            case ServerPingMessage:
                // Answered even before the handshake: the server only wants a sign of life.
                _outbox.Writer.TryWrite(Pong);
                break;
            case HandshakeMessage handshake when !_open:
                OnHandshake(handshake);
                break;
            case HandshakeMessage handshake when IsLongPoll:
                // A poll answered with a handshake: the server forgot this client-id or lost events.
                _owner.OnStreamRestarted(this, handshake);
                break;
            case NoticeMessage notice:
                Log.ServerNotice(_logger, notice.Event.Id);
                _owner.OnProblem(this, new SenteClientError(_time.GetUtcNow(), SenteErrorKind.ServerNotice, $"The server sent {notice.Event.Id}."));
                break;
            default:
                var why = message is InvalidMessage invalid ? invalid.Reason : $"{message.GetType().Name} at this point";
                Log.DroppedMessage(_logger, why);
                _owner.OnProblem(this, new SenteClientError(_time.GetUtcNow(), SenteErrorKind.ProtocolViolation, $"Dropped a message: {why}."));
                break;
        }
    }

    private void OnHandshake(HandshakeMessage handshake)
    {
        // Whatever we resumed from (or the server's start) is known to the server: no need to ack it.
        Interlocked.Exchange(ref _lastAckSent, SentLastSeq ?? handshake.Seq);
        _open = true;

        // Timers start before ConnectAsync returns, so a test clock advanced afterwards reaches them.
        if (!IsLongPoll)
        {
            _keepAliveLoop = KeepAliveLoopAsync(_cts.Token);
            _ackLoop = AckLoopAsync(_cts.Token);
        }

        _owner.OnHandshake(this, handshake);
        _handshake.TrySetResult();
    }

    private async Task WriterLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var item in _outbox.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var message = item ?? TakeAck();
                if (message is not null)
                {
                    await _transport.SendAsync(message.Event, message.Callback, cancellationToken).ConfigureAwait(false);
                }
            }

            // The outbox completes on a clean close: everything queued before it is out, now say goodbye.
            await _transport.CloseOutputAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.SendFailed(_logger, ex);
            _owner.OnProblem(this, new SenteClientError(_time.GetUtcNow(), SenteErrorKind.Transport, "Writing to the connection failed.", ex));
            Abort(SenteCloseReason.WsError);
        }
    }

    private OutboundMessage? TakeAck()
    {
        Volatile.Write(ref _ackQueued, 0);
        var seq = _owner.LastProcessedSeq;
        if (seq <= Interlocked.Read(ref _lastAckSent))
        {
            return null;
        }

        Interlocked.Exchange(ref _lastAckSent, seq);
        return new OutboundMessage(new SenteEvent(SenteEventIds.Ack, seq.ToString(System.Globalization.CultureInfo.InvariantCulture)), null);
    }

    private async Task KeepAliveLoopAsync(CancellationToken cancellationToken)
    {
        if (_options.KeepAlive == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Measured from the last inbound frame, so a clock that jumped before this loop armed its timer still pings on time.
                var idle = _time.GetElapsedTime(Volatile.Read(ref _lastReceiveTimestamp));
                if (idle < _options.KeepAlive)
                {
                    await Task.Delay(_options.KeepAlive - idle, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!await PingAsync().ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends <c>[["chsk/ws-ping"], cb]</c>; <see langword="false"/> when the loop should stop.</summary>
    private async Task<bool> PingAsync()
    {
        var (cb, reply) = Pending.Register(SenteEventIds.WsPing, _options.PingTimeout);
        if (!TrySend(new SenteEvent(SenteEventIds.WsPing), cb))
        {
            Pending.Fail(cb, CallbackReplies.Closed);
            return false;
        }

        Log.PingSent(_logger);
        JsonElement value;
        try
        {
            value = await reply.ConfigureAwait(false);
        }
        catch (SenteRequestException ex) when (ex.Reason == CallbackReplies.Closed)
        {
            return false;
        }
        catch (SenteRequestException)
        {
            value = default;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() == ProtocolConstants.Pong)
        {
            return true;
        }

        Log.PingTimedOut(_logger, _options.PingTimeout);
        Abort(SenteCloseReason.WsPingTimeout);
        return false;
    }

    private async Task AckLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.AckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                RequestAck();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>An event waiting in the send queue, with its callback id when a reply is wanted.</summary>
    private sealed record OutboundMessage(SenteEvent Event, string? Callback);

    private static partial class Log
    {
        [LoggerMessage(2100, LogLevel.Debug, "Connection dropped while receiving.", EventName = "ReceiveFailed")]
        public static partial void ReceiveFailed(ILogger logger, Exception exception);

        [LoggerMessage(2101, LogLevel.Warning, "Writing to the connection failed; reconnecting.", EventName = "SendFailed")]
        public static partial void SendFailed(ILogger logger, Exception exception);

        [LoggerMessage(2102, LogLevel.Debug, "Reply for callback {Callback} came after its request ended; dropped.", EventName = "ReplyWithoutRequest")]
        public static partial void ReplyWithoutRequest(ILogger logger, string callback);

        [LoggerMessage(2103, LogLevel.Warning, "Dropped a server message: {Reason}.", EventName = "DroppedMessage")]
        public static partial void DroppedMessage(ILogger logger, string reason);

        [LoggerMessage(2104, LogLevel.Warning, "The server sent the notice {EventId}.", EventName = "ServerNotice")]
        public static partial void ServerNotice(ILogger logger, string eventId);

        [LoggerMessage(2105, LogLevel.Trace, "Keep-alive ping sent.", EventName = "PingSent")]
        public static partial void PingSent(ILogger logger);

        [LoggerMessage(2106, LogLevel.Information, "No pong within {PingTimeout}; treating the connection as broken.", EventName = "PingTimedOut")]
        public static partial void PingTimedOut(ILogger logger, TimeSpan pingTimeout);

        [LoggerMessage(2107, LogLevel.Debug, "The server did not answer the close in time; aborting.", EventName = "CloseTimedOut")]
        public static partial void CloseTimedOut(ILogger logger);

        [LoggerMessage(2108, LogLevel.Warning, "Sending {EventId} failed (HTTP {StatusCode}): {Detail}.", EventName = "EventRefused")]
        public static partial void EventRefused(ILogger logger, string eventId, int? statusCode, string detail);
    }
}
