using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Sente.Wire;

namespace Sente.Grains.Presence;

/// <summary>Stateless fan-out over the presence shards; one activation per silo as load needs.</summary>
[StatelessWorker]
internal sealed class ConnectedUsersGrain(IOptions<SenteGrainOptions> options) : Grain, IConnectedUsersGrain
{
    public async Task<ConnectedUsers> GetConnectedUsersAsync()
    {
        var shards = options.Value.PresenceShards;
        var parts = await Task.WhenAll(Enumerable.Range(0, shards)
            .Select(i => GrainFactory.GetGrain<IPresenceShardGrain>(i).GetAsync()));
        return new ConnectedUsers(
            parts.SelectMany(p => p.WebSocket).Order(StringComparer.Ordinal).ToArray(),
            parts.SelectMany(p => p.Ajax).Order(StringComparer.Ordinal).ToArray(),
            parts.SelectMany(p => p.Any).Order(StringComparer.Ordinal).ToArray());
    }

    public Task<UserPresence> GetPresenceAsync(string uid) => GrainFactory.GetGrain<IUserGrain>(uid).GetPresenceAsync();
}
