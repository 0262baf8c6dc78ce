using Orleans;
using Orleans.Concurrency;

namespace Sente.Grains.Streaming;

/// <summary>
/// One stream queue, living in a silo so that producers in any process (silo or external
/// client) and the pulling agent that owns the queue meet in one place. Keyed by
/// <c>{provider}/{queue id}</c>.
/// </summary>
/// <remarks>
/// Messages stay in the queue until acknowledged, so a receiver that stops (agent rebalancing,
/// silo shutdown) loses nothing: the next receiver reads them again from the head.
/// </remarks>
[Alias("Sente.Grains.Streaming.ISenteStreamQueueGrain")]
internal interface ISenteStreamQueueGrain : IGrainWithStringKey
{
    /// <summary>Appends a batch at the tail and wakes any waiting dequeue.</summary>
    /// <param name="batch">The batch; its sequence number is assigned here.</param>
    /// <returns>A task that completes once the batch is queued.</returns>
    /// <exception cref="InvalidOperationException">The queue holds its maximum number of messages.</exception>
    [Alias("Enqueue")]
    Task Enqueue(SenteBatchContainer batch);

    /// <summary>
    /// Returns the oldest batches with a sequence number above <paramref name="afterSequence"/>
    /// at once if there are any, else waits up to <paramref name="maxWait"/> for one (long poll).
    /// </summary>
    /// <param name="afterSequence">The last sequence number the caller already holds.</param>
    /// <param name="acknowledgedThrough">Batches up to this sequence number are delivered and are dropped first.</param>
    /// <param name="maxCount">The most batches to return; negative means no limit.</param>
    /// <param name="maxWait">How long to wait when nothing is there.</param>
    /// <param name="cancellationToken">Ends the wait early (receiver shutting down).</param>
    /// <returns>The batches in FIFO order; empty when the wait ended without data.</returns>
    [Alias("Dequeue"), AlwaysInterleave]
    Task<List<SenteBatchContainer>> Dequeue(long afterSequence, long acknowledgedThrough, int maxCount, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Drops every batch up to and including <paramref name="throughSequence"/>.</summary>
    /// <param name="throughSequence">The highest delivered sequence number.</param>
    /// <returns>A task that completes once the batches are dropped.</returns>
    [Alias("Acknowledge"), AlwaysInterleave]
    Task Acknowledge(long throughSequence);
}
