using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sente.Web.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Sente's health checks.</summary>
public static class SenteHealthChecksBuilderExtensions
{
    /// <summary>The tag of checks that say whether this node should be sent new clients.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Adds a check that this web node's lease is being renewed by the cluster (tagged
    /// <see cref="ReadyTag"/>): unhealthy before the first renewal and once the lease would have
    /// expired, degraded after a missed heartbeat. Requires <c>AddSente</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddSenteWebNode(this IHealthChecksBuilder builder, string name = "sente-web-node") =>
        builder.AddCheck<WebNodeHealthCheck>(name, HealthStatus.Unhealthy, [ReadyTag]);
}
