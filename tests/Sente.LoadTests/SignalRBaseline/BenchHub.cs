using Microsoft.AspNetCore.SignalR;

namespace Sente.LoadTests.SignalRBaseline;

/// <summary>
/// Mirrors what the load tool does with Sente: clients join a group per user, a driver connection
/// asks the server to push to a group (as an Orleans client asks a user grain), and echo is a
/// request/reply round trip.
/// </summary>
public sealed class BenchHub : Hub
{
    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public int Echo(int value) => value;

    public Task Push(string group, long sentTimestamp, int index) =>
        Clients.Group(group).SendAsync("evt", sentTimestamp, index);
}
