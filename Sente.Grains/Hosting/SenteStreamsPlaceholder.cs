using Sente.Streams;

namespace Orleans.Hosting;

/// <summary>Temporary: memory streams until the waiting-receiver provider lands.</summary>
public static class SenteStreamsHostingExtensions
{
    /// <summary>Adds the inbound stream provider to a silo.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddSenteStreams(this ISiloBuilder builder, string name = SenteStreams.ProviderName)
    {
        builder.AddMemoryGrainStorage(SenteStreams.PubSubStore);
        builder.AddMemoryStreams(name, b => b.ConfigurePullingAgent(ob => ob.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(5))));
        return builder;
    }

    /// <summary>Adds the inbound stream provider to a client.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="name">The provider name.</param>
    /// <returns>The builder.</returns>
    public static IClientBuilder AddSenteStreams(this IClientBuilder builder, string name = SenteStreams.ProviderName)
    {
        builder.AddMemoryStreams(name);
        return builder;
    }
}
