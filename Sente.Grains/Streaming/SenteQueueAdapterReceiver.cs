using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Sente.Grains.Streaming;

/// <summary>
/// Reads one queue for its pulling agent. Each read is a long poll on the queue grain, so an idle
/// queue costs one grain call per <see cref="SenteStreamOptions.MaxDequeueWait"/> instead of one per
/// timer tick, and data arriving during the wait is returned at once.
/// </summary>
/// <remarks>
/// The agent keeps calling <see cref="GetQueueMessagesAsync(int, CancellationToken)"/> while reads
/// return data and falls back to its timer after an empty read, so the wait lives here and the
/// timer period is only the gap after an idle wait.
/// Nothing is removed from the queue when it is read: batches are acknowledged once the agent's
/// cache purges them (all cursors moved past, i.e. delivered), piggy-backed on the next read. A
/// receiver that stops before that leaves them queued for its successor (at-least-once).
/// </remarks>
internal sealed partial class SenteQueueAdapterReceiver : IQueueAdapterReceiver
{
    private const long None = long.MinValue;

    private readonly ISenteStreamQueueGrain _queue;
    private readonly string _queueName;
    private readonly TimeSpan _maxWait;
    private readonly ILogger _logger;

    // Highest sequence number handed to the agent: the next read asks for what follows it.
    private long _lastRead = None;

    // Highest sequence number the agent's cache has released, and the highest one sent to the grain.
    private long _delivered = None;
    private long _acknowledged = None;

    /// <summary>Creates a receiver for one queue.</summary>
    /// <param name="queue">The queue grain.</param>
    /// <param name="queueName">The queue id, for logs.</param>
    /// <param name="maxWait">How long one read waits for data.</param>
    /// <param name="logger">The logger.</param>
    public SenteQueueAdapterReceiver(ISenteStreamQueueGrain queue, string queueName, TimeSpan maxWait, ILogger logger)
    {
        _queue = queue;
        _queueName = queueName;
        _maxWait = maxWait;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    /// <inheritdoc />
    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Touch the grain now so that (prefer-local placement) it activates on this agent's silo
        // before producers activate it elsewhere. Failure is harmless: reads activate it anyway.
        try
        {
            await _queue.Acknowledge(None).WaitAsync(timeout, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogInitializeFailed(_queueName, exception);
        }
    }

    /// <inheritdoc />
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    /// <inheritdoc />
    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var acknowledge = _delivered;
        List<SenteBatchContainer> batches;
        try
        {
            batches = await _queue.Dequeue(_lastRead, acknowledge, maxCount, _maxWait, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agent is stopping. An empty read ends its pump quietly, where an exception would
            // be logged as a failed read; nothing was taken off the queue either way.
            return [];
        }
        catch (Exception exception)
        {
            LogReadFailed(_queueName, exception);
            throw;
        }

        _acknowledged = Math.Max(_acknowledged, acknowledge);
        if (batches.Count == 0)
        {
            return [];
        }

        _lastRead = batches[^1].SequenceNumber;
        return new List<IBatchContainer>(batches);
    }

    /// <inheritdoc />
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <inheritdoc />
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        // Only remember it: the next read carries the acknowledgement, saving a grain call.
        foreach (var message in messages)
        {
            if (message is SenteBatchContainer batch && batch.SequenceNumber > _delivered)
            {
                _delivered = batch.SequenceNumber;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    /// <inheritdoc />
    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Flush the last acknowledgement so the next owner of the queue does not redeliver what
        // this one already delivered. Best effort: if it fails, the cost is duplicates, not loss.
        if (_delivered <= _acknowledged)
        {
            return;
        }

        try
        {
            await _queue.Acknowledge(_delivered).WaitAsync(timeout, cancellationToken);
            _acknowledged = _delivered;
        }
        catch (Exception exception)
        {
            LogFinalAcknowledgeFailed(_queueName, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream queue {Queue}: initial contact with the queue grain failed; reads will retry.")]
    private partial void LogInitializeFailed(string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream queue {Queue}: read failed.")]
    private partial void LogReadFailed(string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream queue {Queue}: final acknowledgement at shutdown failed; the next owner may redeliver.")]
    private partial void LogFinalAcknowledgeFailed(string queue, Exception exception);
}
