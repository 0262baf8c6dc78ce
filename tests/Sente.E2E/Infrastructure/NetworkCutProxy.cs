using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Sente.E2E.Infrastructure;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of a server, whose "network" can be cut two ways until
/// <see cref="Restore"/>: <see cref="Cut"/> resets every open connection (RST, as a NAT that forgot
/// them does) and resets new ones; <see cref="Blackhole"/> silently stops forwarding (a dead Wi-Fi,
/// a mobile network gone: no RST, no FIN), holding whatever was sent, and new connections, until
/// restored, as TCP retransmission would. Needed for WebSockets: Chromium's offline emulation (CDP)
/// fails new requests but leaves open WebSockets working.
/// </summary>
public sealed class NetworkCutProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly ConcurrentDictionary<Socket, Socket> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private volatile bool _cut;
    private volatile TaskCompletionSource _flowing = Flowing();

    public NetworkCutProxy(Uri upstream)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Gets the address to open instead of the server's.</summary>
    public Uri BaseUri { get; }

    /// <summary>Gets how many connections the last <see cref="Cut"/> reset.</summary>
    public int LastCutConnections { get; private set; }

    /// <summary>Resets every open connection, and every new one until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        var count = 0;
        foreach (var (client, upstream) in _open)
        {
            Reset(client);
            Reset(upstream);
            count++;
        }

        LastCutConnections = count;
    }

    /// <summary>Stops forwarding anything, on open and new connections alike, without closing any.</summary>
    public void Blackhole()
    {
        if (_flowing.Task.IsCompleted)
        {
            _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets connections through again; what a blackhole held is delivered now.</summary>
    public void Restore()
    {
        _cut = false;
        _flowing.TrySetResult();
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        _flowing.TrySetResult(); // forwarders held by a blackhole see the cut and reset
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        await _flowing.Task;
        if (_cut)
        {
            Reset(client);
            return;
        }

        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await upstream.ConnectAsync(_upstream, _stop.Token);
            _open[client] = upstream;
            await Task.WhenAll(PumpAsync(client, upstream, () => _flowing.Task), PumpAsync(upstream, client, () => _flowing.Task));
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server is down, or the connection was cut.
        }
        finally
        {
            _open.TryRemove(client, out _);
            Reset(client);
            Reset(upstream);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, Func<Task> flowing)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                await flowing();
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Reset by Cut, or by either side.
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0); // close sends RST, not FIN
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
