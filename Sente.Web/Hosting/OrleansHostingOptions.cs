namespace Sente.Web.Hosting;

/// <summary>How the web process joins Orleans (configuration section <c>Orleans</c>).</summary>
public sealed class OrleansHostingOptions
{
    /// <summary>Gets or sets the mode: <c>Embedded</c> (a co-hosted silo) or <c>Client</c> (an Orleans client of separate silos).</summary>
    /// <value>Defaults to <c>Embedded</c>: one process, nothing else to start.</value>
    public string Mode { get; set; } = "Embedded";

    /// <summary>Gets or sets the silo-to-silo port of the embedded silo.</summary>
    /// <value>Defaults to 11111 (Orleans' own default).</value>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Gets or sets the gateway port of the embedded silo, or the gateway ports (comma-separated) a client connects to.</summary>
    /// <value>Defaults to 30000 (Orleans' own default).</value>
    public string GatewayPort { get; set; } = "30000";

    /// <summary>Gets or sets the cluster id.</summary>
    /// <value>Defaults to <c>sente-dev</c>.</value>
    public string ClusterId { get; set; } = "sente-dev";

    /// <summary>Gets or sets the service id.</summary>
    /// <value>Defaults to <c>sente</c>.</value>
    public string ServiceId { get; set; } = "sente";

    /// <summary>Gets whether the silo is co-hosted.</summary>
    public bool IsEmbedded => string.Equals(Mode, "Embedded", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <see cref="GatewayPort"/>.</summary>
    /// <returns>The ports.</returns>
    public int[] GatewayPorts() => GatewayPort.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(int.Parse).ToArray();
}
