using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace Sente.Grains.Streaming;

/// <summary>
/// Writes producers' batches to queue grains and creates the receivers that read them. Works the
/// same in a silo and in an external client: both only need a grain factory.
/// </summary>
internal sealed partial class SenteQueueAdapter : IQueueAdapter
{
    private readonly IStreamQueueMapper _mapper;
    private readonly IGrainFactory _grainFactory;
    private readonly SenteStreamOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<QueueId, ISenteStreamQueueGrain> _queues = new();

    /// <summary>Creates the adapter.</summary>
    /// <param name="name">The provider name.</param>
    /// <param name="mapper">Maps streams to queues.</param>
    /// <param name="grainFactory">Reaches the queue grains.</param>
    /// <param name="options">The provider's options.</param>
    /// <param name="loggerFactory">Creates loggers.</param>
    public SenteQueueAdapter(string name, IStreamQueueMapper mapper, IGrainFactory grainFactory, SenteStreamOptions options, ILoggerFactory loggerFactory)
    {
        Name = name;
        _mapper = mapper;
        _grainFactory = grainFactory;
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SenteQueueAdapter>();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    /// <remarks>Not rewindable: delivered batches leave the queue, so there is nothing to rewind to.</remarks>
    public bool IsRewindable => false;

    /// <inheritdoc />
    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    /// <inheritdoc />
    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            // The queue decides the order; a caller-chosen position cannot be honoured.
            throw new NotSupportedException("The Sente stream provider does not accept sequence tokens from producers.");
        }

        var batch = new SenteBatchContainer(streamId, events.Cast<object>().ToList(), requestContext);
        var queueId = _mapper.GetQueueForStream(streamId);
        try
        {
            await QueueGrain(queueId).Enqueue(batch);
        }
        catch (Exception exception)
        {
            LogEnqueueFailed(Name, queueId.ToString(), exception);
            throw;
        }
    }

    /// <inheritdoc />
    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new SenteQueueAdapterReceiver(
            QueueGrain(queueId),
            queueId.ToString(),
            _options.MaxDequeueWait,
            _loggerFactory.CreateLogger<SenteQueueAdapterReceiver>());

    private ISenteStreamQueueGrain QueueGrain(QueueId queueId) =>
        _queues.GetOrAdd(queueId, static (id, self) => self._grainFactory.GetGrain<ISenteStreamQueueGrain>(SenteStreamQueueGrain.KeyOf(self.Name, id)), this);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider}: enqueue to {Queue} failed.")]
    private partial void LogEnqueueFailed(string provider, string queue, Exception exception);
}
