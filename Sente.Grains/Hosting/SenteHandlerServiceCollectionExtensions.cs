using Sente.Grains.Inbound;
using Sente.Protocol;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Sente event handlers (they run in the silo).</summary>
public static class SenteHandlerServiceCollectionExtensions
{
    /// <summary>Registers a delegate that handles client events with id <paramref name="eventId"/>.</summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSenteHandler(this IServiceCollection services, string eventId, Func<SenteEventContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var instance = new DelegateEventHandler(handler);
        services.AddSingleton(new SenteHandlerRegistration(Checked(eventId), _ => instance));
        return services;
    }

    /// <summary>Registers a handler class for client events with id <paramref name="eventId"/>.</summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="services">The silo's services.</param>
    /// <param name="eventId">The event id.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSenteHandler<THandler>(this IServiceCollection services, string eventId)
        where THandler : class, ISenteEventHandler
    {
        services.AddTransient<THandler>();
        services.AddSingleton(new SenteHandlerRegistration(Checked(eventId), sp => sp.GetRequiredService<THandler>()));
        return services;
    }

    private static string Checked(string eventId) => EventValidator.IsValidId(eventId)
        ? eventId
        : throw new ArgumentException($"Invalid event id '{eventId}': it must look like \"ns/name\".", nameof(eventId));
}
