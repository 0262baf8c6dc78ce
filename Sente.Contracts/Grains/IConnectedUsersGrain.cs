using Sente.Wire;

namespace Sente.Grains;

/// <summary>
/// The connected-users view. Presence is sharded by uid hash over <see cref="IPresenceShardGrain"/>
/// so that no single grain takes every connect and disconnect; this grain is a stateless fan-out.
/// </summary>
/// <example><code>var users = await grains.GetConnectedUsersGrain().GetConnectedUsersAsync();</code></example>
[Alias("sente.IConnectedUsersGrain")]
public interface IConnectedUsersGrain : IGrainWithStringKey
{
    /// <summary>The key to use; any key works, this one is conventional.</summary>
    public const string DefaultKey = "all";

    /// <summary>Gets the uids connected over WebSocket, Ajax and any transport.</summary>
    /// <returns>The view.</returns>
    [Alias("GetConnectedUsersAsync")]
    Task<ConnectedUsers> GetConnectedUsersAsync();

    /// <summary>Gets one user's presence (one call to that user's grain).</summary>
    /// <param name="uid">The uid.</param>
    /// <returns>The presence.</returns>
    [Alias("GetPresenceAsync")]
    Task<UserPresence> GetPresenceAsync(string uid);
}

/// <summary>One shard of the connected-users view (keyed by shard number).</summary>
[Alias("sente.IPresenceShardGrain")]
public interface IPresenceShardGrain : IGrainWithIntegerKey
{
    /// <summary>A user grain reports its presence after a transition.</summary>
    /// <param name="uid">The uid.</param>
    /// <param name="presence">Its presence now.</param>
    /// <returns>A task.</returns>
    [Alias("UpdateAsync")]
    Task UpdateAsync(string uid, UserPresence presence);

    /// <summary>Gets this shard's connected uids.</summary>
    /// <returns>The shard's view.</returns>
    [Alias("GetAsync")]
    Task<ConnectedUsers> GetAsync();
}

/// <summary>Shortcuts for reaching Sente's grains.</summary>
public static class SenteGrainFactoryExtensions
{
    /// <summary>Gets the connected-users grain.</summary>
    /// <param name="grains">The grain factory (an <c>IClusterClient</c> works).</param>
    /// <returns>The grain reference.</returns>
    public static IConnectedUsersGrain GetConnectedUsersGrain(this IGrainFactory grains) =>
        grains.GetGrain<IConnectedUsersGrain>(IConnectedUsersGrain.DefaultKey);

    /// <summary>Gets a user's grain.</summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="uid">The uid.</param>
    /// <returns>The grain reference.</returns>
    public static IUserGrain GetUserGrain(this IGrainFactory grains, string uid) => grains.GetGrain<IUserGrain>(uid);
}
