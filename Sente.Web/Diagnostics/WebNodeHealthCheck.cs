using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Sente.Web.Internal.Connections;
using Sente.Web.Internal.Nodes;

namespace Sente.Web.Diagnostics;

/// <summary>
/// Ready while the cluster keeps renewing this web node's lease: only then do user grains route
/// deliveries here. Degraded after a missed heartbeat, unhealthy once the lease would have expired
/// (or before the first heartbeat), so a load balancer stops sending new clients to a node the
/// cluster cannot reach.
/// </summary>
internal sealed class WebNodeHealthCheck(WebNode node, LocalConnectionRegistry registry, IOptions<SenteOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var data = new Dictionary<string, object>
        {
            ["nodeId"] = node.NodeId,
            ["connections"] = registry.Count,
        };

        if (node.SinceLastHeartbeat is not { } since)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The web node has not registered its lease with the cluster yet.", data: data));
        }

        data["sinceLastHeartbeatMs"] = (long)since.TotalMilliseconds;
        if (since > o.NodeLease)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"No lease renewal for {since.TotalSeconds:0.#} s (lease {o.NodeLease.TotalSeconds:0.#} s): the cluster is unreachable.", data: data));
        }

        // One missed beat (plus slack for a slow answer) is worth a warning, not an outage.
        if (since > o.NodeHeartbeatInterval * 2)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"Last lease renewal {since.TotalSeconds:0.#} s ago (every {o.NodeHeartbeatInterval.TotalSeconds:0.#} s expected).", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("The cluster renews this web node's lease.", data));
    }
}
