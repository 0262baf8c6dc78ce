namespace Sente.Grains.Inbound;

/// <summary>A handler registered for one event id (one per <c>AddSenteHandler</c> call).</summary>
/// <param name="EventId">The event id it handles.</param>
/// <param name="Create">Resolves the handler from the silo's services.</param>
internal sealed record SenteHandlerRegistration(string EventId, Func<IServiceProvider, ISenteEventHandler> Create);

/// <summary>Adapts a delegate to <see cref="ISenteEventHandler"/>.</summary>
internal sealed class DelegateEventHandler(Func<SenteEventContext, Task> handle) : ISenteEventHandler
{
    public Task HandleAsync(SenteEventContext context) => handle(context);
}
