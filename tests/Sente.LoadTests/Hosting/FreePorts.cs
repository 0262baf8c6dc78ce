using System.Net;
using System.Net.Sockets;

namespace Sente.LoadTests.Hosting;

/// <summary>Free loopback ports (Orleans needs them fixed up front, so port 0 cannot be handed over).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
