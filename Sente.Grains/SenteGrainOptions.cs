namespace Sente.Grains;

/// <summary>Options of Sente's grains (silo side).</summary>
public sealed class SenteGrainOptions
{
    /// <summary>Gets or sets how many unacknowledged events a client-id's outbox holds.</summary>
    /// <value>Defaults to 1,000 (PROTOCOL.md section 6): a tab that stalls for a while resumes losslessly, and a dead one costs bounded memory.</value>
    public int RetentionCount { get; set; } = 1000;

    /// <summary>Gets or sets how long a client-id and its outbox are kept after its last connection closed.</summary>
    /// <value>Defaults to 2 minutes (PROTOCOL.md section 6): covers reloads, network changes and laptop lids, not days offline.</value>
    public TimeSpan RetentionAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how long a closed WebSocket still counts as connected (presence).</summary>
    /// <value>Defaults to 2.5 s (Sente's): a reload does not flap <c>chsk/uidport-close</c> and <c>-open</c>.</value>
    public TimeSpan WebSocketGrace { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>Gets or sets how long an Ajax client-id counts as connected after its last poll ended.</summary>
    /// <value>Defaults to 5 s (Sente's): the gap between two polls must not look like a disconnect.</value>
    public TimeSpan AjaxGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many presence shards the connected-users view is spread over.</summary>
    /// <value>Defaults to 16: no single grain takes every connect and disconnect; a query fans out to 16 calls.</value>
    public int PresenceShards { get; set; } = 16;

    /// <summary>Gets or sets how long a delivery to a web node may take before that connection is considered dead.</summary>
    /// <value>Defaults to 5 s: far above a healthy delivery (sub-millisecond), well below Orleans' 30 s response timeout.</value>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the most events handed to a web node in one delivery.</summary>
    /// <value>Defaults to 500: big enough to drain a burst quickly, small enough to keep one message modest.</value>
    public int MaxDeliveryBatch { get; set; } = 500;

    /// <summary>Gets or sets how often expired client-ids are swept out of a user grain.</summary>
    /// <value>Defaults to 10 s: retention is in minutes, so this only bounds how late a sweep is.</value>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how often web-node leases are checked for expiry.</summary>
    /// <value>Defaults to 1 s.</value>
    public TimeSpan NodeLeaseCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
