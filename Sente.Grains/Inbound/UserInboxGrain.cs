using Orleans.Streams;
using Sente.Streams;
using Sente.Wire;

namespace Sente.Grains.Inbound;

/// <summary>Marker interface of the grain that consumes one user's inbound stream.</summary>
[Alias("sente.IUserInboxGrain")]
public interface IUserInboxGrain : IGrainWithStringKey;

/// <summary>
/// Consumes one user's inbound stream (implicit subscription, keyed by uid) and runs application
/// handlers one event at a time, so each user's events are handled in the order they were sent.
/// Kept apart from the user grain so a slow handler never delays that user's pushes.
/// </summary>
[ImplicitStreamSubscription(SenteStreams.InboundNamespace)]
internal sealed class UserInboxGrain(SenteEventDispatcher dispatcher) : Grain, IUserInboxGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(SenteStreams.ProviderName)
            .GetStream<InboundEvent>(SenteStreams.Inbound(this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((evt, _) => dispatcher.DispatchAsync(evt, GrainFactory));
    }
}
