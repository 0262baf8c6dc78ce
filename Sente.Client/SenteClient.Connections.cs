using Sente.Client.Internal;

namespace Sente.Client;

/// <summary>Connection lifetime: attempts, the reconnect supervisor and state updates.</summary>
public sealed partial class SenteClient : IConnectionOwner
{
    long IConnectionOwner.LastProcessedSeq => _seqs.LastProcessed;

    void IConnectionOwner.OnHandshake(ClientConnection connection, HandshakeMessage handshake)
    {
        if (connection != _current)
        {
            return;
        }

        // The seq reset goes first, so the dispatch loop applies it before any event of this
        // connection and before handlers see the state change.
        _dispatcher.PostHandshake(handshake.Seq, handshake.Resumed, connection.SentLastSeq);
        UpdateState(s => s with
        {
            Type = connection.Kind,
            Open = true,
            EverOpened = true,
            Uid = handshake.Uid,
            HandshakeData = handshake.Data,
            Seq = handshake.Seq,
            Resumed = handshake.Resumed,
            ServerKeepAlive = handshake.KaliveMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            ReconnectAttempt = 0,
            NextReconnectAt = null,
        });
        Log.Opened(_logger, handshake.Uid, ClientId, handshake.Seq, handshake.Resumed);
        if (handshake.Resumed == false)
        {
            Log.ResumeFailed(_logger, ClientId, connection.SentLastSeq ?? 0, handshake.Seq);
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

    /// <summary>One connection attempt, up to the handshake.</summary>
    private async Task<ClientConnection> OpenAsync(int attempt, CancellationToken cancellationToken)
    {
        var lastSeq = State.EverOpened || _options.ResumeFromSeq is not null ? _seqs.LastProcessed : (long?)null;
        var context = new SenteConnectingContext(attempt, _options.CsrfToken, _options.Headers.AsReadOnly());
        if (_options.OnConnecting is { } onConnecting)
        {
            await onConnecting(context, cancellationToken).ConfigureAwait(false);
        }

        var uri = ConnectUriBuilder.Build(_options.Uri!, ClientId, _options.QueryParameters, context.CsrfToken, lastSeq);
        var connection = new ClientConnection(_transportFactory(_options), this, _options, lastSeq, _logger);
        _current = connection;
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await connection.StartAsync(uri, context.Headers.AsReadOnly(), linked.Token).ConfigureAwait(false);
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
