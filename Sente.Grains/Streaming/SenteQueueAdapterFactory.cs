using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Sente.Grains.Streaming;

/// <summary>
/// Builds the parts of one Sente stream provider: the adapter, the queue mapper, the agent-side
/// cache and the delivery-failure handler.
/// </summary>
internal sealed class SenteQueueAdapterFactory : IQueueAdapterFactory
{
    // Failed deliveries are retried by the agent up to MaxEventDeliveryTime and then dropped
    // without faulting the subscription: an implicit subscriber must keep receiving later events.
    private static readonly Task<IStreamFailureHandler> FailureHandler =
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler(faultOnError: false));

    private readonly SenteQueueAdapter _adapter;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly Lazy<IQueueAdapterCache> _cache;

    /// <summary>Creates the factory.</summary>
    /// <param name="name">The provider name.</param>
    /// <param name="options">The provider's options.</param>
    /// <param name="grainFactory">Reaches the queue grains.</param>
    /// <param name="loggerFactory">Creates loggers.</param>
    public SenteQueueAdapterFactory(string name, SenteStreamOptions options, IGrainFactory grainFactory, ILoggerFactory loggerFactory)
    {
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.Partitions }, name);
        _adapter = new SenteQueueAdapter(name, _mapper, grainFactory, options, loggerFactory);

        // Lazy: only silos pull and need a cache; a client never asks for one.
        _cache = new(() => new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggerFactory));
    }

    /// <summary>Creates the factory of the named provider; the shape Orleans' persistent-stream hosting expects.</summary>
    /// <param name="services">The silo's or client's services.</param>
    /// <param name="name">The provider name.</param>
    /// <returns>The factory.</returns>
    public static IQueueAdapterFactory Create(IServiceProvider services, string name) =>
        new SenteQueueAdapterFactory(
            name,
            services.GetRequiredService<IOptionsMonitor<SenteStreamOptions>>().Get(name),
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<ILoggerFactory>());

    /// <inheritdoc />
    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(_adapter);

    /// <inheritdoc />
    public IQueueAdapterCache GetQueueAdapterCache() => _cache.Value;

    /// <inheritdoc />
    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <inheritdoc />
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => FailureHandler;
}
