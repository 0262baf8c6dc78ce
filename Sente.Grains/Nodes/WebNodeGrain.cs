using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sente.Wire;

namespace Sente.Grains.Nodes;

/// <summary>
/// A web node's liveness lease (see <see cref="IWebNodeGrain"/>). The node heartbeats; a timer
/// checks the lease; on expiry every user grain that routes to the node is told, once.
/// </summary>
internal sealed partial class WebNodeGrain(
    IOptions<SenteGrainOptions> options,
    TimeProvider time,
    ILogger<WebNodeGrain> logger) : Grain, IWebNodeGrain
{
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private DateTimeOffset _leaseExpiry;
    private bool _declaredDead;
    private bool _heardFrom;
    private IGrainTimer? _checkTimer;

    private string NodeId => this.GetPrimaryKeyString();

    public Task<WebNodeLeaseStatus> HeartbeatAsync(TimeSpan lease)
    {
        var status = _declaredDead ? WebNodeLeaseStatus.WasDeclaredDead
            : _heardFrom ? WebNodeLeaseStatus.Renewed
            : WebNodeLeaseStatus.Fresh;
        _heardFrom = true;
        _declaredDead = false;
        _leaseExpiry = time.GetUtcNow() + lease;
        _checkTimer ??= this.RegisterGrainTimer(static (self, _) => self.CheckLease(), this, new GrainTimerCreationOptions
        {
            DueTime = options.Value.NodeLeaseCheckInterval,
            Period = options.Value.NodeLeaseCheckInterval,
            KeepAlive = true, // the lease must be watched even when nobody calls this grain
        });
        return Task.FromResult(status);
    }

    public Task TrackUsersAsync(string[] uids)
    {
        _users.UnionWith(uids);
        return Task.CompletedTask;
    }

    public Task TrackUserAsync(string uid)
    {
        _users.Add(uid);
        return Task.CompletedTask;
    }

    public Task UntrackUserAsync(string uid)
    {
        _users.Remove(uid);
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        Log.Stopped(logger, NodeId);
        DeclareDead();
        return Task.CompletedTask;
    }

    public Task<bool> IsAliveAsync() => Task.FromResult(!_declaredDead && time.GetUtcNow() < _leaseExpiry);

    private Task CheckLease()
    {
        if (!_declaredDead && time.GetUtcNow() >= _leaseExpiry)
        {
            Log.LeaseExpired(logger, NodeId, _users.Count);
            DeclareDead();
        }

        return Task.CompletedTask;
    }

    private void DeclareDead()
    {
        _declaredDead = true;
        foreach (var uid in _users)
        {
            GrainFactory.GetGrain<IUserGrain>(uid).WebNodeDiedAsync(NodeId).Ignore();
        }

        _users.Clear();
        _checkTimer?.Dispose();
        _checkTimer = null;
    }

    private static partial class Log
    {
        [LoggerMessage(1200, LogLevel.Warning, "Web node {FrontendId} missed its lease; declared dead, {Count} user grain(s) told to stop routing to it.", EventName = "LeaseExpired")]
        public static partial void LeaseExpired(ILogger logger, string frontendId, int count);

        [LoggerMessage(1201, LogLevel.Information, "Web node {FrontendId} stopped.", EventName = "Stopped")]
        public static partial void Stopped(ILogger logger, string frontendId);
    }
}
