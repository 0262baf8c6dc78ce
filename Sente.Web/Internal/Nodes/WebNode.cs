using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sente.Grains;
using Sente.Web.Internal.Connections;
using Sente.Wire;

namespace Sente.Web.Internal.Nodes;

/// <summary>
/// This process as a web node: its id, its grain-observer reference (held strongly: Orleans keeps
/// observers weakly and a collected one fails deliveries), and its liveness heartbeat.
/// </summary>
internal sealed partial class WebNode(
    IClusterClient cluster,
    LocalConnectionRegistry registry,
    IOptions<SenteOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<WebNode> logger) : IHostedService, IDisposable
{
    private readonly WebNodeObserver _observerObject = new(registry);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private IWebNodeObserver? _observer;
    private Task? _heartbeat;
    private long _lastHeartbeatAt;

    public string NodeId { get; } = options.Value.NodeId;

    /// <summary>Gets how long ago the cluster last renewed this node's lease, or <see langword="null"/> before it first did.</summary>
    public TimeSpan? SinceLastHeartbeat =>
        Volatile.Read(ref _lastHeartbeatAt) is var at and not 0 ? time.GetElapsedTime(at) : null;

    /// <summary>Gets the observer reference, created on first use (the cluster client is running by then).</summary>
    public IWebNodeObserver Observer
    {
        get
        {
            if (_observer is { } observer)
            {
                return observer;
            }

            lock (_lock)
            {
                return _observer ??= cluster.CreateObjectReference<IWebNodeObserver>(_observerObject);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Heartbeats start once the whole host (co-hosted silo included) is up.
        lifetime.ApplicationStarted.Register(() => _heartbeat = HeartbeatLoopAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var connection in registry.All)
        {
            connection.Close(1001, "server shutting down", ConnectionEndReason.ServerShutdown);
        }

        try
        {
            await cluster.GetGrain<IWebNodeGrain>(NodeId).StopAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception ex)
        {
            Log.StopNotRecorded(logger, ex, NodeId);
        }

        if (_heartbeat is { } heartbeat)
        {
            await heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_observer is { } observer)
        {
            try
            {
                cluster.DeleteObjectReference<IWebNodeObserver>(observer);
            }
            catch (ArgumentException)
            {
                // The runtime already dropped it while shutting down.
            }
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        GC.KeepAlive(_observerObject);
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var grain = cluster.GetGrain<IWebNodeGrain>(NodeId);
        using var timer = new PeriodicTimer(o.NodeHeartbeatInterval);
        Log.Started(logger, NodeId);
        try
        {
            do
            {
                try
                {
                    var status = await grain.HeartbeatAsync(o.NodeLease);
                    Volatile.Write(ref _lastHeartbeatAt, time.GetTimestamp());
                    switch (status)
                    {
                        case WebNodeLeaseStatus.WasDeclaredDead:
                            // We were declared dead (e.g. a long partition): user grains stopped routing
                            // here, so our clients must reconnect to be routed again.
                            Log.WasDeclaredDead(logger, NodeId, registry.Count);
                            foreach (var connection in registry.All)
                            {
                                connection.Close(1013, "node lease lost", ConnectionEndReason.LeaseLost);
                            }

                            break;
                        case WebNodeLeaseStatus.Fresh:
                            // The lease grain has no list of our users (first start, or its silo died):
                            // give it one, so that if we die every user grain routing here is told.
                            var uids = registry.All.Select(c => c.Uid).Distinct(StringComparer.Ordinal).ToArray();
                            if (uids.Length > 0)
                            {
                                Log.Retracked(logger, NodeId, uids.Length);
                                await grain.TrackUsersAsync(uids);
                            }

                            break;
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.HeartbeatFailed(logger, ex, NodeId);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(300, LogLevel.Information, "Web node {FrontendId} started.", EventName = "NodeStarted")]
        public static partial void Started(ILogger logger, string frontendId);

        [LoggerMessage(301, LogLevel.Warning, "Web node {FrontendId}: heartbeat failed.", EventName = "HeartbeatFailed")]
        public static partial void HeartbeatFailed(ILogger logger, Exception exception, string frontendId);

        [LoggerMessage(302, LogLevel.Warning, "Web node {FrontendId} had been declared dead; closing {Count} connection(s) so they resume.", EventName = "WasDeclaredDead")]
        public static partial void WasDeclaredDead(ILogger logger, string frontendId, int count);

        [LoggerMessage(304, LogLevel.Information, "Web node {FrontendId}: its lease grain was new; re-registered {Count} user(s).", EventName = "Retracked")]
        public static partial void Retracked(ILogger logger, string frontendId, int count);

        [LoggerMessage(303, LogLevel.Warning, "Web node {FrontendId}: could not record a clean stop; its lease will expire instead.", EventName = "StopNotRecorded")]
        public static partial void StopNotRecorded(ILogger logger, Exception exception, string frontendId);
    }
}
