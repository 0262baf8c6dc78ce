namespace Sente.Wire;

/// <summary>The answer to a web node's heartbeat.</summary>
[GenerateSerializer, Alias("sente.WebNodeLeaseStatus")]
public enum WebNodeLeaseStatus
{
    /// <summary>The lease was current and is renewed; nothing to do.</summary>
    Renewed = 0,

    /// <summary>
    /// The lease had expired and the node was declared dead: user grains stopped routing to it.
    /// The node must close its connections so their clients reconnect and are routed again.
    /// </summary>
    WasDeclaredDead = 1,

    /// <summary>
    /// The lease's grain has no memory of the node (first heartbeat, or it was re-created after a
    /// silo failure): the node must re-register the uids of its connections with <c>TrackUsersAsync</c>.
    /// </summary>
    Fresh = 2,
}
