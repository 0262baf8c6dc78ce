using Orleans.Streams;

namespace Sente.Grains.Streaming;

/// <summary>
/// Settings of one Sente stream provider (named options, keyed by provider name). Every value
/// has a default that works for the embedded single-process install and a small cluster.
/// </summary>
public sealed class SenteStreamOptions
{
    /// <summary>Default for <see cref="Partitions"/>.</summary>
    public const int DefaultPartitions = 8;

    /// <summary>Default for <see cref="MaxDequeueWait"/>.</summary>
    public static readonly TimeSpan DefaultMaxDequeueWait = TimeSpan.FromSeconds(5);

    /// <summary>Default for <see cref="PullingAgentPeriod"/>.</summary>
    public static readonly TimeSpan DefaultPullingAgentPeriod = TimeSpan.FromMilliseconds(1);

    /// <summary>Default for <see cref="MaxQueueLength"/>.</summary>
    public const int DefaultMaxQueueLength = 16_384;

    /// <summary>Default for <see cref="CacheSize"/>.</summary>
    public const int DefaultCacheSize = 4_096;

    /// <summary>Upper bound for <see cref="MaxDequeueWait"/>: well under Orleans' 30 s default response timeout.</summary>
    public static readonly TimeSpan MaxAllowedDequeueWait = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Number of queues (one queue grain and one pulling agent each). Default 8 (Orleans'
    /// default): an idle queue costs one long poll per <see cref="MaxDequeueWait"/>, so the count
    /// no longer trades latency for CPU, and 8 queues still spread the load over up to 8 silos.
    /// Producers and silos must agree on it: changing it remaps streams to queues.
    /// </summary>
    public int Partitions { get; set; } = DefaultPartitions;

    /// <summary>
    /// How long one dequeue waits in the queue grain for data before returning empty. Default 5 s:
    /// an idle queue then costs about one grain call every 5 s, and a receiver that is not
    /// cancelled (older callers) still shuts down within that time. At most
    /// <see cref="MaxAllowedDequeueWait"/> so a wait never trips the grain call timeout.
    /// </summary>
    public TimeSpan MaxDequeueWait { get; set; } = DefaultMaxDequeueWait;

    /// <summary>
    /// The pulling agent's timer period (<c>StreamPullingAgentOptions.GetQueueMsgsTimerPeriod</c>).
    /// With a waiting receiver it is only the gap between an empty wait, a back-pressure stop or a
    /// new-stream registration pause and the next read, not a polling rate, so it can be short.
    /// Default 1 ms: costs nothing while a read waits and keeps the first event of a new stream
    /// (which pauses reads until the stream is registered) fast.
    /// </summary>
    public TimeSpan PullingAgentPeriod { get; set; } = DefaultPullingAgentPeriod;

    /// <summary>
    /// Most messages one queue grain holds (waiting or delivered but not yet acknowledged).
    /// Default 16,384 (as Orleans' memory streams): a stalled silo surfaces as failing
    /// <c>OnNextAsync</c> calls on the producer instead of unbounded silo memory.
    /// </summary>
    public int MaxQueueLength { get; set; } = DefaultMaxQueueLength;

    /// <summary>
    /// Size of the pulling agent's per-queue cache, in batches. Default 4,096 (Orleans' default):
    /// one tenth of it is the most a single read asks for, and a full cache is the back-pressure
    /// signal that pauses reading.
    /// </summary>
    public int CacheSize { get; set; } = DefaultCacheSize;

    /// <summary>
    /// Which subscriptions the provider supports. Default <see cref="StreamPubSubType.ImplicitOnly"/>:
    /// Sente's inbound streams are consumed by implicit subscriber grains only, which needs no
    /// pub-sub grain, no <c>PubSubStore</c> storage, and no pub-sub round trip on the first event
    /// of a stream. Set an explicit mode to allow <c>SubscribeAsync</c>; the host must then
    /// register a <c>PubSubStore</c> grain storage.
    /// </summary>
    public StreamPubSubType PubSubType { get; set; } = StreamPubSubType.ImplicitOnly;
}
