namespace Sente.Wire;

/// <summary>The connected-users view: uids by transport.</summary>
/// <param name="WebSocket">Uids connected over WebSocket (<c>ws</c>).</param>
/// <param name="Ajax">Uids connected over Ajax (<c>ajax</c>).</param>
/// <param name="Any">Uids connected over any transport (<c>any</c>).</param>
[GenerateSerializer, Immutable, Alias("sente.ConnectedUsers")]
public sealed record ConnectedUsers(
    [property: Id(0)] IReadOnlyList<string> WebSocket,
    [property: Id(1)] IReadOnlyList<string> Ajax,
    [property: Id(2)] IReadOnlyList<string> Any);
