using Sente.Client.Internal;
using Sente.Wire;

namespace Sente.Client;

/// <summary>Connection lifetime: attempts, the reconnect supervisor and state updates.</summary>
public sealed partial class SenteClient : IConnectionOwner
{
    long IConnectionOwner.LastProcessedSeq => _seqs.LastProcessed;

    void IConnectionOwner.OnHandshake(ClientConnection connection, HandshakeMessage handshake)
    {
        if (connection == _current)
        {
            ApplyHandshake(connection, handshake, handshake.Resumed, connection.SentLastSeq);
        }
    }

    void IConnectionOwner.OnStreamRestarted(ClientConnection connection, HandshakeMessage handshake)
    {
        if (connection != _current)
        {
            return;
        }

        // The poll carried ack = LastProcessedSeq, which acts as the last-seq of this handshake. A
        // server that answers without meta.resumed forgot this client-id and starts a new stream at
        // meta.seq: the seqs follow it, and the application is told to resynchronise (resumed: false),
        // because events pushed while the server had no client-id were dropped.
        Log.StreamRestarted(_logger, ClientId, handshake.Seq, handshake.Resumed);
        UpdateState(s => s with
        {
            Open = false,
            LastClose = new SenteCloseInfo(_time.GetUtcNow(), SenteCloseReason.Unexpected, null, "The server answered a poll with a new handshake."),
        });
        ApplyHandshake(connection, handshake, handshake.Resumed ?? false, handshake.Resumed is null ? null : _seqs.LastProcessed);
    }

    Task IConnectionOwner.WhenDispatchedAsync() => _dispatcher.Barrier();

    private void ApplyHandshake(ClientConnection connection, HandshakeMessage handshake, bool? resumed, long? sentLastSeq)
    {
        // The seq reset goes first, so the dispatch loop applies it before any event of this
        // connection and before handlers see the state change.
        _dispatcher.PostHandshake(handshake.Seq, handshake.Resumed, sentLastSeq);
        _selector.OnOpened(connection.Kind);
        UpdateState(s => s with
        {
            Type = connection.Kind,
            Open = true,
            EverOpened = true,
            Uid = handshake.Uid,
            HandshakeData = handshake.Data,
            Seq = handshake.Seq,
            Resumed = resumed,
            ServerKeepAlive = handshake.KaliveMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            ReconnectAttempt = 0,
            NextReconnectAt = null,
        });
        Log.Opened(_logger, handshake.Uid, ClientId, handshake.Seq, resumed);
        if (resumed == false)
        {
            Log.ResumeFailed(_logger, ClientId, sentLastSeq ?? 0, handshake.Seq);
        }
    }

    void IConnectionOwner.OnBatch(ClientConnection connection, BatchMessage batch)
    {
        if (connection == _current)
        {
            _dispatcher.PostBatch(batch);
        }
    }

    void IConnectionOwner.OnProblem(ClientConnection connection, SenteClientError error) =>
        UpdateState(s => s with { LastError = error });

    private void RaiseStateChanged(SenteStateChange change) => StateChanged?.Invoke(this, change);

    private void OnGap(long expected, long actual) =>
        UpdateState(s => s with
        {
            LastError = new SenteClientError(_time.GetUtcNow(), SenteErrorKind.SeqGap, $"Expected seq {expected}, got {actual}: events were lost.")
            {
                ExpectedSeq = expected,
                ActualSeq = actual,
            },
        });

    private void OnBatchProcessed()
    {
        if (_options.AckEachBatch)
        {
            _current?.RequestAck();
        }
    }

    private void UpdateState(Func<SenteClientState, SenteClientState> update)
    {
        lock (_stateGate)
        {
            var old = _state;
            var next = update(old);
            if (next == old)
            {
                return;
            }

            _state = next;

            // Posted under the lock, so handlers see changes in the order they were made.
            _dispatcher.PostStateChange(new SenteStateChange(old, next));
        }
    }

    /// <summary>The first attempt: connects, then hands the open connection to a new supervisor.</summary>
    private async Task ConnectCoreAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(0, cancellationToken).ConfigureAwait(false);
        _stop = new CancellationTokenSource();
        _supervisor = SuperviseAsync(connection, _stop.Token);
    }

    /// <summary>Ends the supervisor and its connection; the caller holds the lifecycle lock.</summary>
    private async Task StopAsync(SenteCloseReason reason)
    {
        if (_supervisor is null)
        {
            return;
        }

        _stopReason = reason;
        await _stop!.CancelAsync().ConfigureAwait(false);
        await _supervisor.ConfigureAwait(false);
        _stop.Dispose();
        _stop = null;
        _supervisor = null;
    }

    /// <summary>One connection attempt, up to the handshake; in auto mode a WebSocket that never opened falls back to Ajax at once.</summary>
    private async Task<ClientConnection> OpenAsync(int attempt, CancellationToken cancellationToken)
    {
        var kind = _selector.Current;
        try
        {
            return await OpenAsync(kind, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (SenteConnectException ex) when (ex.InnerException is not OperationCanceledException && _selector.TryDowngrade(kind))
        {
            // A refused upgrade or a socket that died before its handshake (not a timeout): Sente's :auto downgrade.
            Log.DowngradingToAjax(_logger, ClientId, ex.StatusCode);
            UpdateState(s => s with { Type = TransportKind.Ajax });
            try
            {
                return await OpenAsync(TransportKind.Ajax, attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!State.EverOpened)
            {
                _selector.UndoDowngrade();
                UpdateState(s => s with { Type = _selector.Current });
                throw;
            }
        }
    }

    private async Task<ClientConnection> OpenAsync(TransportKind kind, int attempt, CancellationToken cancellationToken)
    {
        var lastSeq = State.EverOpened || _options.ResumeFromSeq is not null ? _seqs.LastProcessed : (long?)null;
        var context = new SenteConnectingContext(attempt, _options.CsrfToken, _options.Headers.AsReadOnly());
        if (_options.OnConnecting is { } onConnecting)
        {
            await onConnecting(context, cancellationToken).ConfigureAwait(false);
        }

        var target = new TransportTarget(_options.Uri!, ClientId, _options.QueryParameters, context.CsrfToken, lastSeq, context.Headers.AsReadOnly());
        var connection = new ClientConnection(_transportFactory(kind), this, _options, lastSeq, _logger);
        _current = connection;
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await connection.StartAsync(target, linked.Token).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex)
        {
            if (_current == connection)
            {
                _current = null;
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var failure = ex as SenteConnectException ?? new SenteConnectException(
                ex is OperationCanceledException
                    ? $"No handshake within {nameof(SenteClientOptions)}.{nameof(SenteClientOptions.ConnectTimeout)} ({_options.ConnectTimeout})."
                    : "The connection attempt failed.",
                innerException: ex);
            UpdateState(s => s with { LastError = new SenteClientError(_time.GetUtcNow(), SenteErrorKind.Connect, failure.Message, failure) });
            Log.ConnectFailed(_logger, attempt, failure);
            throw failure;
        }
    }

    /// <summary>Owns the open connection: waits for it to end, records the close, and reconnects per policy.</summary>
    private async Task SuperviseAsync(ClientConnection? connection, CancellationToken stop)
    {
        await Task.Yield();
        while (connection is not null)
        {
            try
            {
                await connection.Completion.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await connection.CloseAsync(_stopReason).ConfigureAwait(false);
            }

            var close = await connection.Completion.ConfigureAwait(false);
            if (_current == connection)
            {
                _current = null;
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            UpdateState(s => s with { Open = false, LastClose = s.Open ? close : s.LastClose });
            Log.Closed(_logger, ClientId, close.Reason, close.WebSocketCode);
            connection = stop.IsCancellationRequested || !_options.AutoReconnect ? null : await ReconnectLoopAsync(stop).ConfigureAwait(false);
        }
    }

    /// <summary>Attempts n = 1, 2, … with the backoff before each; <see langword="null"/> when stopped.</summary>
    private async Task<ClientConnection?> ReconnectLoopAsync(CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            var delay = _options.Backoff(attempt);
            var n = attempt;
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    // Armed before the state announces it, so a test clock advanced on that signal reaches the timer.
                    var wait = Task.Delay(delay, _time, stop);
                    UpdateState(s => s with { ReconnectAttempt = n, NextReconnectAt = _time.GetUtcNow() + delay });
                    Log.ReconnectScheduled(_logger, attempt, delay);
                    await wait.ConfigureAwait(false);
                }
                else
                {
                    UpdateState(s => s with { ReconnectAttempt = n, NextReconnectAt = null });
                }

                return await OpenAsync(attempt, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
            catch (SenteConnectException)
            {
                // Recorded in LastError by OpenAsync; the next attempt waits longer.
            }
        }
    }
}
