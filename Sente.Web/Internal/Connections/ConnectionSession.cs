using Orleans.Streams;
using Sente.Grains;
using Sente.Protocol;
using Sente.Streams;
using Sente.Web.Internal.Nodes;
using Sente.Wire;

namespace Sente.Web.Internal.Connections;

/// <summary>
/// The one place a transport talks to Orleans: connect and disconnect on the user grain, acks,
/// and client events onto the uid's inbound stream. Transports never call grains directly.
/// </summary>
internal sealed class ConnectionSession
{
    private readonly SenteConnection _connection;
    private readonly IUserGrain _user;
    private readonly IAsyncStream<InboundEvent> _inbound;
    private readonly WebNode _node;
    private readonly AckCoalescer _acks;

    public ConnectionSession(SenteConnection connection, IClusterClient cluster, WebNode node, AckCoalescer acks)
    {
        _connection = connection;
        _node = node;
        _acks = acks;
        _user = cluster.GetGrain<IUserGrain>(connection.Uid);
        _inbound = cluster.GetStreamProvider(SenteStreams.ProviderName)
            .GetStream<InboundEvent>(SenteStreams.Inbound(connection.Uid));
    }

    public SenteConnection Connection => _connection;

    public Task<ConnectResult> ConnectAsync(long? lastSeq) =>
        _user.ConnectAsync(new ConnectRequest(_connection.ClientId, _connection.ConnectionId, _node.NodeId, _connection.Transport, lastSeq, _node.Observer));

    public Task DisconnectAsync() => _user.DisconnectAsync(_connection.ClientId, _connection.ConnectionId);

    public void Ack(long seq) => _acks.Ack(_connection.Uid, _connection.ClientId, seq);

    /// <summary>Forwards a client event to the silo; awaiting keeps one connection's events in order.</summary>
    public Task PublishAsync(SenteEvent evt, string? callback) =>
        _inbound.OnNextAsync(new InboundEvent(
            _connection.Uid,
            _connection.ClientId,
            _connection.ConnectionId,
            evt,
            callback,
            callback is null ? null : _node.Observer,
            _connection.Transport));
}
