namespace Sente.Wire;

/// <summary>A user's client-ids as the user grain knows them.</summary>
/// <param name="Uid">The uid.</param>
/// <param name="Clients">Its client-ids, connected or within retention.</param>
[GenerateSerializer, Immutable, Alias("sente.UserClients")]
public sealed record UserClients(
    [property: Id(0)] string Uid,
    [property: Id(1)] IReadOnlyList<ClientInfo> Clients);
