using Sente.Web.Internal.Nodes;

namespace Sente.Web.Internal.Connections;

/// <summary>Creates the Orleans side of a connection.</summary>
internal sealed class ConnectionSessionFactory(IClusterClient cluster, WebNode node, AckCoalescer acks)
{
    public ConnectionSession Create(SenteConnection connection) => new(connection, cluster, node, acks);
}
