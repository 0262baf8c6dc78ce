using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Sente.Grains.Streaming;
using Orleans.Streams;
using Sente.Streams;

namespace Orleans.Hosting;

/// <summary>
/// Registers Sente's stream provider: persistent streams whose queues are grains with a waiting
/// dequeue, so an event reaches its subscriber without waiting for a polling period.
/// </summary>
public static class SenteStreamsHostingExtensions
{
    /// <summary>
    /// Adds the provider to a silo: queue grains, pulling agents and (by default) implicit
    /// subscriptions only.
    /// </summary>
    /// <remarks>
    /// No grain storage is registered. With the default <see cref="StreamPubSubType.ImplicitOnly"/>
    /// pub-sub none is needed, so an existing <c>PubSubStore</c> registration is left alone and a
    /// missing one is not an error. Choosing an explicit pub-sub type requires the host to register
    /// <c>PubSubStore</c> storage itself.
    /// </remarks>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name; defaults to <see cref="SenteStreams.ProviderName"/>.</param>
    /// <param name="configure">Changes the defaults of <see cref="SenteStreamOptions"/>.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddSenteStreams(this ISiloBuilder builder, string name = SenteStreams.ProviderName, Action<SenteStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder.Services, name, configure);
        return builder.AddPersistentStreams(name, SenteQueueAdapterFactory.Create, stream =>
        {
            stream.Configure<StreamPubSubOptions>(ob => ob.Configure<IOptionsMonitor<SenteStreamOptions>>((o, sente) => o.PubSubType = sente.Get(name).PubSubType));
            stream.Configure<StreamPullingAgentOptions>(ob => ob.Configure<IOptionsMonitor<SenteStreamOptions>>((o, sente) => o.GetQueueMsgsTimerPeriod = sente.Get(name).PullingAgentPeriod));
        });
    }

    /// <summary>
    /// Adds the provider to an external Orleans client so it can produce to Sente streams (the web
    /// node's inbound events). Options that decide queue mapping must match the silos'.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="name">The provider name; defaults to <see cref="SenteStreams.ProviderName"/>.</param>
    /// <param name="configure">Changes the defaults of <see cref="SenteStreamOptions"/>.</param>
    /// <returns>The client builder.</returns>
    public static IClientBuilder AddSenteStreams(this IClientBuilder builder, string name = SenteStreams.ProviderName, Action<SenteStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder.Services, name, configure);
        return builder.AddPersistentStreams(name, SenteQueueAdapterFactory.Create, stream =>
            stream.Configure<StreamPubSubOptions>(ob => ob.Configure<IOptionsMonitor<SenteStreamOptions>>((o, sente) => o.PubSubType = sente.Get(name).PubSubType)));
    }

    private static void AddOptions(IServiceCollection services, string name, Action<SenteStreamOptions>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            // The provider name is the first segment of the queue grains' keys.
            throw new ArgumentException("A Sente stream provider name must not contain '/'.", nameof(name));
        }

        var options = services.AddOptions<SenteStreamOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IConfigurationValidator>(sp =>
            new SenteStreamOptionsValidator(sp.GetRequiredService<IOptionsMonitor<SenteStreamOptions>>().Get(name), name));
    }
}
