using Orleans;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Sente.Grains.Streaming;

/// <summary>
/// One producer call's events for one stream, as the queue grain stores and returns them.
/// The queue grain stamps <see cref="SequenceNumber"/> on enqueue; it orders the queue, is the
/// acknowledgement cursor, and becomes each event's <see cref="EventSequenceTokenV2"/>.
/// </summary>
[GenerateSerializer]
[Alias("Sente.Grains.Streaming.SenteBatchContainer")]
internal sealed class SenteBatchContainer : IBatchContainer
{
    /// <summary>Creates a batch as a producer hands it over (no sequence number yet).</summary>
    /// <param name="streamId">The stream the events belong to.</param>
    /// <param name="events">The events, in the producer's order.</param>
    /// <param name="requestContext">The producer's exported request context, if any.</param>
    public SenteBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
    }

    /// <inheritdoc />
    [Id(0)]
    public StreamId StreamId { get; }

    /// <summary>The events, in the producer's order.</summary>
    [Id(1)]
    public List<object> Events { get; }

    /// <summary>The producer's request context, re-imported before delivery.</summary>
    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; }

    /// <summary>Position in its queue, assigned by the queue grain; increases in FIFO order.</summary>
    [Id(3)]
    public long SequenceNumber { get; set; }

    /// <inheritdoc />
    public StreamSequenceToken SequenceToken => new EventSequenceTokenV2(SequenceNumber);

    /// <inheritdoc />
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        // Index each event inside the batch so consumers can tell events of one batch apart.
        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i] is T item)
            {
                yield return Tuple.Create<T, StreamSequenceToken>(item, new EventSequenceTokenV2(SequenceNumber, i));
            }
        }
    }

    /// <inheritdoc />
    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }
}
