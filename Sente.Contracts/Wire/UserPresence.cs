namespace Sente.Wire;

/// <summary>Whether a uid counts as connected, per transport (reconnect grace included).</summary>
/// <param name="WebSocket">Connected over WebSocket.</param>
/// <param name="Ajax">Connected over Ajax.</param>
[GenerateSerializer, Immutable, Alias("sente.UserPresence")]
public sealed record UserPresence(
    [property: Id(0)] bool WebSocket,
    [property: Id(1)] bool Ajax)
{
    /// <summary>The presence of a user with no connection.</summary>
    public static readonly UserPresence Offline = new(false, false);

    /// <summary>Gets whether the uid is connected over any transport.</summary>
    public bool Any => WebSocket || Ajax;
}
