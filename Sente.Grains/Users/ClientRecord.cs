using Sente.Wire;

namespace Sente.Grains.Users;

/// <summary>What a user grain knows of one client-id: its outbox, acks and current route.</summary>
internal sealed class ClientRecord(string clientId, TransportKind transport)
{
    public string ClientId { get; } = clientId;

    public TransportKind Transport { get; set; } = transport;

    public Outbox Outbox { get; } = new();

    public long AckedSeq { get; set; }

    /// <summary>Gets or sets the current connection, or <see langword="null"/> while disconnected.</summary>
    public Route? Route { get; set; }

    /// <summary>Gets or sets the last seq handed to the current connection.</summary>
    public long SentSeq { get; set; }

    /// <summary>Gets or sets whether a delivery to the current connection is awaiting its answer.</summary>
    public bool DeliveryInFlight { get; set; }

    /// <summary>Gets or sets when the last connection closed (for grace and retention).</summary>
    public DateTimeOffset? DisconnectedAt { get; set; }

    public ClientInfo ToInfo() =>
        new(ClientId, Transport, Route is not null, Outbox.LastSeq, AckedSeq, Route?.NodeId, Outbox.Dropped);
}

/// <summary>A client-id's live connection: which node holds it and how to reach it.</summary>
internal sealed record Route(string ConnectionId, string NodeId, IWebNodeObserver Node);
