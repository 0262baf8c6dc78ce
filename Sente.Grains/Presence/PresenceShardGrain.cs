using Sente.Wire;

namespace Sente.Grains.Presence;

/// <summary>One shard of the connected-users view: the uids of this shard that are connected, by transport.</summary>
internal sealed class PresenceShardGrain : Grain, IPresenceShardGrain
{
    private readonly Dictionary<string, UserPresence> _connected = new(StringComparer.Ordinal);

    public Task UpdateAsync(string uid, UserPresence presence)
    {
        if (presence.Any)
        {
            _connected[uid] = presence;
        }
        else
        {
            _connected.Remove(uid);
        }

        return Task.CompletedTask;
    }

    public Task<ConnectedUsers> GetAsync()
    {
        var ws = new List<string>();
        var ajax = new List<string>();
        var any = new List<string>(_connected.Count);
        foreach (var (uid, presence) in _connected)
        {
            any.Add(uid);
            if (presence.WebSocket)
            {
                ws.Add(uid);
            }

            if (presence.Ajax)
            {
                ajax.Add(uid);
            }
        }

        return Task.FromResult(new ConnectedUsers(ws, ajax, any));
    }
}
