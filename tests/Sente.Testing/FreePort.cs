using System.Net;
using System.Net.Sockets;

namespace Sente.Testing;

/// <summary>Finds free loopback TCP ports (Orleans needs fixed ports, so port 0 is not an option there).</summary>
public static class FreePort
{
    private static int _next = 20000 + (Environment.ProcessId % 200) * 50;
    private static readonly Lock Gate = new();

    public static int Next()
    {
        lock (Gate)
        {
            while (true)
            {
                var port = _next++;
                if (_next > 60000)
                {
                    _next = 20000;
                }

                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // In use; try the next one.
                }
            }
        }
    }
}
