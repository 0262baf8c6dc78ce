using System.Collections.Concurrent;

namespace Sente.Web.Internal.Connections;

/// <summary>This process's live connections by connection id; nothing here survives a restart, by design.</summary>
internal sealed class LocalConnectionRegistry
{
    private readonly ConcurrentDictionary<string, SenteConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(SenteConnection connection) => _connections[connection.ConnectionId] = connection;

    public void Remove(SenteConnection connection) => _connections.TryRemove(new(connection.ConnectionId, connection));

    public bool TryGet(string connectionId, out SenteConnection connection) => _connections.TryGetValue(connectionId, out connection!);

    public IEnumerable<SenteConnection> All => _connections.Values;
}
