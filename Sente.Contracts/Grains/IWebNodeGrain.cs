using Orleans.Concurrency;
using Sente.Wire;

namespace Sente.Grains;

/// <summary>
/// The liveness lease of one web node (keyed by node id). A node renews it by heartbeat; when a
/// lease expires the node is declared dead and every user grain that had a connection on it is
/// told, so that nothing keeps routing to a killed process.
/// </summary>
[Alias("sente.IWebNodeGrain")]
public interface IWebNodeGrain : IGrainWithStringKey
{
    /// <summary>Renews the node's lease.</summary>
    /// <param name="lease">How long the node counts as alive without another heartbeat.</param>
    /// <returns>What the node must do to keep routes consistent (see <see cref="WebNodeLeaseStatus"/>).</returns>
    [Alias("HeartbeatAsync")]
    Task<WebNodeLeaseStatus> HeartbeatAsync(TimeSpan lease);

    /// <summary>
    /// The node re-registers the uids of all its connections, after a heartbeat answered
    /// <see cref="WebNodeLeaseStatus.Fresh"/> (this lease's activation lost its list, e.g. its silo died).
    /// </summary>
    /// <param name="uids">The uids of the node's live connections.</param>
    /// <returns>A task.</returns>
    [Alias("TrackUsersAsync")]
    Task TrackUsersAsync(string[] uids);

    /// <summary>A user grain routes to this node: tell it if the node dies.</summary>
    /// <param name="uid">The user.</param>
    /// <returns>A task.</returns>
    [OneWay]
    [Alias("TrackUserAsync")]
    Task TrackUserAsync(string uid);

    /// <summary>A user grain no longer routes to this node.</summary>
    /// <param name="uid">The user.</param>
    /// <returns>A task.</returns>
    [OneWay]
    [Alias("UntrackUserAsync")]
    Task UntrackUserAsync(string uid);

    /// <summary>The node is shutting down cleanly: declare it dead now.</summary>
    /// <returns>A task.</returns>
    [Alias("StopAsync")]
    Task StopAsync();

    /// <summary>Whether the node's lease is current.</summary>
    /// <returns><see langword="true"/> while alive.</returns>
    [Alias("IsAliveAsync")]
    [ReadOnly]
    Task<bool> IsAliveAsync();
}
