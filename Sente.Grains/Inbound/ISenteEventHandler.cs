namespace Sente.Grains.Inbound;

/// <summary>
/// Application code that handles client events of one event id, in the silo. Events of one user
/// reach handlers one at a time, in the order the user's clients sent them.
/// </summary>
public interface ISenteEventHandler
{
    /// <summary>Handles one event.</summary>
    /// <param name="context">The event, its sender, and the reply function.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    Task HandleAsync(SenteEventContext context);
}
