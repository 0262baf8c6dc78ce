namespace Sente.Web.Internal.Transports;

/// <summary>A request the dispatcher accepted: who is asking, and from where in their stream.</summary>
/// <param name="Uid">The uid (from authentication; <c>sente/nil-uid</c> when anonymous).</param>
/// <param name="ClientId">The validated client-id.</param>
/// <param name="LastSeq">The <c>last-seq</c> query parameter, when sent.</param>
/// <param name="HandshakeDataJson">Application handshake data as JSON, or <see langword="null"/>.</param>
internal sealed record SenteRequest(string Uid, string ClientId, long? LastSeq, string? HandshakeDataJson);
