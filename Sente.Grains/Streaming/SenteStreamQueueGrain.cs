using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Runtime;

namespace Sente.Grains.Streaming;

/// <summary>
/// In-memory FIFO queue with a waiting dequeue. Reentrant so that enqueues (and acks) run while a
/// dequeue is parked waiting for data; every method mutates state synchronously, so interleaving
/// only happens at the single await in <see cref="Dequeue"/>.
/// </summary>
/// <remarks>
/// Placed on the calling silo: the pulling agent touches its queue grain when its receiver
/// initialises, so in the usual order (agents start with the silo, producers come later) the
/// grain lives next to the agent and the hot path, the waiting dequeue, stays in-process.
/// </remarks>
[Reentrant]
[PreferLocalPlacement]
internal sealed partial class SenteStreamQueueGrain : Grain, ISenteStreamQueueGrain, IGrainMigrationParticipant
{
    private const string MessagesKey = "messages";
    private const string NextSequenceKey = "next";

    private readonly ILogger<SenteStreamQueueGrain> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxQueueLength;

    // Ordered by SequenceNumber. Holds waiting and handed-out-but-unacknowledged batches.
    private List<SenteBatchContainer> _messages = [];

    // Ticks of "now" rather than 0: a re-activated queue then numbers above anything a consumer
    // has seen from an earlier activation, so sequence tokens keep increasing.
    private long _nextSequence;

    // Completed (and replaced) on every enqueue; every parked dequeue awaits the current one.
    private TaskCompletionSource _dataArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the grain.</summary>
    /// <param name="context">The grain context, for the key.</param>
    /// <param name="options">Provider options, by provider name.</param>
    /// <param name="timeProvider">The clock for wait deadlines.</param>
    /// <param name="logger">The logger.</param>
    public SenteStreamQueueGrain(
        IGrainContext context,
        IOptionsMonitor<SenteStreamOptions> options,
        TimeProvider timeProvider,
        ILogger<SenteStreamQueueGrain> logger)
    {
        _logger = logger;
        _timeProvider = timeProvider;
        _nextSequence = timeProvider.GetUtcNow().UtcTicks;
        var providerName = ProviderNameOf(context.GrainId.Key.ToString()!);
        _maxQueueLength = options.Get(providerName).MaxQueueLength;
    }

    /// <summary>The grain key of a provider's queue.</summary>
    /// <param name="providerName">The stream provider name (contains no '/').</param>
    /// <param name="queueId">The queue.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(string providerName, Orleans.Streams.QueueId queueId) => $"{providerName}/{queueId}";

    /// <inheritdoc />
    public Task Enqueue(SenteBatchContainer batch)
    {
        if (_messages.Count >= _maxQueueLength)
        {
            LogQueueFull(this.GetPrimaryKeyString(), _maxQueueLength);
            throw new InvalidOperationException($"Stream queue {this.GetPrimaryKeyString()} is full ({_maxQueueLength} messages).");
        }

        batch.SequenceNumber = _nextSequence++;
        _messages.Add(batch);
        WakeWaiters();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<List<SenteBatchContainer>> Dequeue(long afterSequence, long acknowledgedThrough, int maxCount, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        DropThrough(acknowledgedThrough);
        var started = _timeProvider.GetTimestamp();
        var waited = TimeSpan.Zero;
        while (true)
        {
            var ready = TakeAfter(afterSequence, maxCount);
            if (ready.Count > 0)
            {
                return ready;
            }

            var remaining = maxWait - waited;
            if (remaining <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            {
                return ready;
            }

            // Suppress the timeout/cancel exceptions: an empty answer is the normal end of a wait.
            // ContinueOnCapturedContext keeps the continuation on this activation's scheduler.
            await _dataArrived.Task
                .WaitAsync(remaining, _timeProvider, cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            waited = _timeProvider.GetElapsedTime(started);
        }
    }

    /// <inheritdoc />
    public Task Acknowledge(long throughSequence)
    {
        DropThrough(throughSequence);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_messages.Count > 0 && reason.ReasonCode != DeactivationReasonCode.Migrating)
        {
            LogDeactivatingWithMessages(this.GetPrimaryKeyString(), _messages.Count, reason.ToString());
        }

        WakeWaiters();
        return Task.CompletedTask;
    }

    void IGrainMigrationParticipant.OnDehydrate(IDehydrationContext dehydrationContext)
    {
        dehydrationContext.TryAddValue(MessagesKey, _messages);
        dehydrationContext.TryAddValue(NextSequenceKey, _nextSequence);
    }

    void IGrainMigrationParticipant.OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue<List<SenteBatchContainer>>(MessagesKey, out var messages) && messages is not null)
        {
            _messages = messages;
        }

        if (rehydrationContext.TryGetValue<long>(NextSequenceKey, out var next))
        {
            _nextSequence = Math.Max(_nextSequence, next);
        }
    }

    private static string ProviderNameOf(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? key : key[..slash];
    }

    private void WakeWaiters()
    {
        var arrived = _dataArrived;
        _dataArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arrived.TrySetResult();
    }

    private void DropThrough(long throughSequence)
    {
        var count = FirstAfter(throughSequence);
        if (count > 0)
        {
            _messages.RemoveRange(0, count);
        }
    }

    private List<SenteBatchContainer> TakeAfter(long afterSequence, int maxCount)
    {
        var start = FirstAfter(afterSequence);
        var available = _messages.Count - start;
        var take = maxCount < 0 ? available : Math.Min(available, maxCount);
        return take <= 0 ? [] : _messages.GetRange(start, take);
    }

    // Index of the first message with a sequence number above the given one (binary search:
    // the list is sorted because numbers are handed out in append order).
    private int FirstAfter(long sequence)
    {
        int lo = 0, hi = _messages.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_messages[mid].SequenceNumber <= sequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream queue {Queue} is full ({MaxQueueLength} messages); rejecting an enqueue.")]
    private partial void LogQueueFull(string queue, int maxQueueLength);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream queue {Queue} deactivates holding {Count} undelivered messages ({Reason}); they are lost.")]
    private partial void LogDeactivatingWithMessages(string queue, int count, string reason);
}
