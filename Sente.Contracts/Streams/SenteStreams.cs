using Orleans.Runtime;

namespace Sente.Streams;

/// <summary>Every stream provider name, namespace and stream id Sente uses, and nothing else.</summary>
public static class SenteStreams
{
    /// <summary>The stream provider that carries client events to the silo.</summary>
    public const string ProviderName = "sente";

    /// <summary>The namespace of the per-uid inbound streams.</summary>
    public const string InboundNamespace = "sente-in";

    /// <summary>
    /// The grain storage an explicit stream pub-sub uses. The <c>sente</c> provider defaults to
    /// implicit subscriptions only and then needs no such storage.
    /// </summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>The stream carrying one user's client events, in order.</summary>
    /// <param name="uid">The uid.</param>
    /// <returns>The stream id.</returns>
    public static StreamId Inbound(string uid) => StreamId.Create(InboundNamespace, uid);
}
