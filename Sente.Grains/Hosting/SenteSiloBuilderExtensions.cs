using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sente.Grains;
using Sente.Grains.Diagnostics;
using Sente.Grains.Inbound;
using Sente.Streams;

namespace Orleans.Hosting;

/// <summary>Registers Sente's grains and services on a silo.</summary>
public static class SenteSiloBuilderExtensions
{
    /// <summary>
    /// Adds Sente to the silo: options, the inbound stream provider (<see cref="SenteStreams.ProviderName"/>),
    /// its pub-sub store, and the event dispatcher. Register handlers with <c>AddSenteHandler</c>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Configures <see cref="SenteGrainOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddSente(this ISiloBuilder builder, Action<SenteGrainOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<SenteGrainOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SenteGrainOptions>, SenteGrainOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton(sp => new SenteGrainMetrics(sp.GetRequiredService<IMeterFactory>()));
        builder.Services.TryAddSingleton<SenteEventDispatcher>();
        builder.AddSenteStreams(SenteStreams.ProviderName);
        return builder;
    }

    /// <summary>Registers a delegate that handles client events with id <paramref name="eventId"/>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="eventId">The event id, e.g. <c>chat/msg</c>, or <c>chsk/uidport-open</c>, <c>chsk/uidport-close</c>, <c>chsk/bad-event</c>.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddSenteHandler(this ISiloBuilder builder, string eventId, Func<SenteEventContext, Task> handler)
    {
        builder.Services.AddSenteHandler(eventId, handler);
        return builder;
    }

    /// <summary>Registers a handler class for client events with id <paramref name="eventId"/>.</summary>
    /// <typeparam name="THandler">The handler type, resolved from the silo's services.</typeparam>
    /// <param name="builder">The silo builder.</param>
    /// <param name="eventId">The event id.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddSenteHandler<THandler>(this ISiloBuilder builder, string eventId)
        where THandler : class, ISenteEventHandler
    {
        builder.Services.AddSenteHandler<THandler>(eventId);
        return builder;
    }
}
