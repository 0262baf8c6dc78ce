using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Sente.Client.Internal;

/// <summary>
/// The one loop that runs application code: state-change handlers and event handlers, in the order
/// things happened. It is separate from the receive loop so a slow handler never delays pongs,
/// replies or the server's keep-alive, and it owns the <see cref="SeqTracker"/>, so "processed"
/// means "every handler returned".
/// </summary>
internal sealed partial class EventDispatcher : IAsyncDisposable
{
    private static readonly AsyncLocal<EventDispatcher?> Current = new();

    private readonly Channel<object> _items = Channel.CreateUnbounded<object>(new() { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly SeqTracker _seqs;
    private readonly Callbacks _callbacks;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private volatile Dictionary<string, Func<ReceivedEvent, ValueTask>[]> _handlers = new(StringComparer.Ordinal);
    private volatile Func<ReceivedEvent, ValueTask>[] _anyHandlers = [];

    public EventDispatcher(SeqTracker seqs, Callbacks callbacks, ILogger logger)
    {
        _seqs = seqs;
        _callbacks = callbacks;
        _logger = logger;
        _loop = RunAsync();
    }

    /// <summary>Gets a value indicating whether the caller runs inside a handler of this dispatcher.</summary>
    public bool IsDispatching => Current.Value == this;

    public void PostStateChange(SenteStateChange change) => _items.Writer.TryWrite(change);

    public void PostHandshake(long seq, bool? resumed, long? sentLastSeq) => _items.Writer.TryWrite(new HandshakeItem(seq, resumed, sentLastSeq));

    public void PostBatch(BatchMessage batch) => _items.Writer.TryWrite(batch);

    /// <summary>Returns a task that completes when the loop has handled everything posted before this call.</summary>
    public Task Barrier()
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_items.Writer.TryWrite(reached))
        {
            reached.TrySetResult();
        }

        return reached.Task;
    }

    public IDisposable Add(string? eventId, Func<ReceivedEvent, ValueTask> handler)
    {
        lock (_gate)
        {
            if (eventId is null)
            {
                _anyHandlers = [.. _anyHandlers, handler];
            }
            else
            {
                // Copy-on-write: the loop reads the dictionary without a lock.
                var copy = new Dictionary<string, Func<ReceivedEvent, ValueTask>[]>(_handlers, StringComparer.Ordinal);
                copy[eventId] = copy.TryGetValue(eventId, out var list) ? [.. list, handler] : [handler];
                _handlers = copy;
            }
        }

        return new Registration(this, eventId, handler);
    }

    public async ValueTask DisposeAsync()
    {
        _items.Writer.TryComplete();
        if (!IsDispatching)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    private void Remove(string? eventId, Func<ReceivedEvent, ValueTask> handler)
    {
        lock (_gate)
        {
            if (eventId is null)
            {
                _anyHandlers = [.. _anyHandlers.Where(h => h != handler)];
            }
            else if (_handlers.TryGetValue(eventId, out var list))
            {
                var copy = new Dictionary<string, Func<ReceivedEvent, ValueTask>[]>(_handlers, StringComparer.Ordinal);
                var left = list.Where(h => h != handler).ToArray();
                if (left.Length == 0)
                {
                    copy.Remove(eventId);
                }
                else
                {
                    copy[eventId] = left;
                }

                _handlers = copy;
            }
        }
    }

    private async Task RunAsync()
    {
        await Task.Yield();
        Current.Value = this;
        await foreach (var item in _items.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (item)
            {
                case SenteStateChange change:
                    RaiseStateChanged(change);
                    break;
                case HandshakeItem handshake:
                    _seqs.OnHandshake(handshake.Seq, handshake.Resumed, handshake.SentLastSeq);
                    break;
                case BatchMessage batch:
                    await ProcessBatchAsync(batch).ConfigureAwait(false);
                    break;
                case TaskCompletionSource barrier:
                    barrier.TrySetResult();
                    break;
            }
        }
    }

    private void RaiseStateChanged(SenteStateChange change)
    {
        try
        {
            _callbacks.StateChanged(change);
        }
        catch (Exception ex)
        {
            Log.StateHandlerFailed(_logger, ex);
        }
    }

    private async Task ProcessBatchAsync(BatchMessage batch)
    {
        var delivered = false;
        for (var i = 0; i < batch.Events.Count; i++)
        {
            var seq = batch.FirstSeq + i;
            switch (_seqs.Classify(seq))
            {
                case SeqDecision.Duplicate:
                    Log.DuplicateDropped(_logger, seq);
                    continue;
                case SeqDecision.DeliverAfterGap:
                    var expected = _seqs.LastProcessed + 1;
                    Log.SeqGap(_logger, expected, seq);
                    _callbacks.Gap(expected, seq);
                    break;
            }

            await DeliverAsync(new ReceivedEvent(seq, batch.Events[i])).ConfigureAwait(false);
            _seqs.MarkProcessed(seq);
            delivered = true;
        }

        if (delivered)
        {
            _callbacks.BatchProcessed();
        }
    }

    private async ValueTask DeliverAsync(ReceivedEvent received)
    {
        if (_handlers.TryGetValue(received.Event.Id, out var handlers))
        {
            foreach (var handler in handlers)
            {
                await InvokeAsync(handler, received).ConfigureAwait(false);
            }
        }

        foreach (var handler in _anyHandlers)
        {
            await InvokeAsync(handler, received).ConfigureAwait(false);
        }
    }

    private async ValueTask InvokeAsync(Func<ReceivedEvent, ValueTask> handler, ReceivedEvent received)
    {
        try
        {
            await handler(received).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The event still counts as processed: redelivering it would only fail again, forever.
            Log.HandlerFailed(_logger, received.Event.Id, received.Seq, ex);
        }
    }

    /// <summary>What the dispatcher reports back to the client.</summary>
    /// <param name="StateChanged">Raises the client's state-change event.</param>
    /// <param name="Gap">A gap: the first expected seq and the seq that came.</param>
    /// <param name="BatchProcessed">Events were processed: time to consider an ack.</param>
    internal sealed record Callbacks(Action<SenteStateChange> StateChanged, Action<long, long> Gap, Action BatchProcessed);

    private sealed record HandshakeItem(long Seq, bool? Resumed, long? SentLastSeq);

    private sealed class Registration(EventDispatcher owner, string? eventId, Func<ReceivedEvent, ValueTask> handler) : IDisposable
    {
        public void Dispose() => owner.Remove(eventId, handler);
    }

    private static partial class Log
    {
        [LoggerMessage(2200, LogLevel.Debug, "Dropped already processed event with seq {Seq}.", EventName = "DuplicateDropped")]
        public static partial void DuplicateDropped(ILogger logger, long seq);

        [LoggerMessage(2201, LogLevel.Error, "Seq gap: expected {ExpectedSeq}, got {ActualSeq}; events were lost.", EventName = "SeqGap")]
        public static partial void SeqGap(ILogger logger, long expectedSeq, long actualSeq);

        [LoggerMessage(2202, LogLevel.Error, "Handler for {EventId} (seq {Seq}) failed.", EventName = "HandlerFailed")]
        public static partial void HandlerFailed(ILogger logger, string eventId, long seq, Exception exception);

        [LoggerMessage(2203, LogLevel.Error, "A StateChanged handler failed.", EventName = "StateHandlerFailed")]
        public static partial void StateHandlerFailed(ILogger logger, Exception exception);
    }
}
