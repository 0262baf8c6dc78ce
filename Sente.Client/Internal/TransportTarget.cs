namespace Sente.Client.Internal;

/// <summary>What a transport needs to reach the server for one connection attempt; each transport builds its own addresses.</summary>
/// <param name="Endpoint">The channel-socket endpoint from <see cref="SenteClientOptions.Uri"/>.</param>
/// <param name="ClientId">The client-id.</param>
/// <param name="Query">Extra query parameters; the protocol's own keys win on conflict.</param>
/// <param name="CsrfToken">The CSRF token of this attempt, if any.</param>
/// <param name="LastSeq">The seq to resume after (<c>last-seq</c>), if any.</param>
/// <param name="Headers">The request headers of this attempt.</param>
internal sealed record TransportTarget(
    Uri Endpoint,
    string ClientId,
    IEnumerable<KeyValuePair<string, string>> Query,
    string? CsrfToken,
    long? LastSeq,
    IReadOnlyDictionary<string, string> Headers);
