using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sente.Protocol;
using Sente.Web.Internal.Connections;
using Sente.Wire;

namespace Sente.Web.Internal;

/// <summary>
/// One scan over this node's WebSockets: ping the quiet ones, abort those that did not answer in
/// time. One timer for the node rather than one per connection keeps idle sockets cheap.
/// </summary>
internal sealed partial class KeepAliveService(
    LocalConnectionRegistry registry,
    IOptions<SenteOptions> options,
    TimeProvider time,
    ILogger<KeepAliveService> logger) : BackgroundService
{
    private static readonly byte[] Ping = EnvelopeWriter.Control(SenteEventIds.WsPing);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ws = options.Value.WebSockets;
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks,
            Math.Min(TimeSpan.FromSeconds(1).Ticks, Math.Min(ws.KeepAlive.Ticks, ws.PingTimeout.Ticks) / 4)));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Scan(ws);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Scan(WebSocketTransportOptions ws)
    {
        foreach (var connection in registry.All)
        {
            if (connection.Transport != TransportKind.WebSocket)
            {
                continue;
            }

            var pingSent = connection.PingSentTicks;
            if (pingSent != 0)
            {
                if (time.GetElapsedTime(pingSent) > ws.PingTimeout)
                {
                    Log.PingTimedOut(logger, connection.Uid, connection.ClientId, connection.ConnectionId);
                    connection.Abort(ConnectionEndReason.KeepAliveTimeout);
                }
            }
            else if (time.GetElapsedTime(connection.LastReceivedTicks) > ws.KeepAlive)
            {
                connection.MarkPingSent();
                connection.Send(Ping);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(110, LogLevel.Information, "No answer to keep-alive ping from user {UserId} client {ClientId} on {ConnectionId}; closing.", EventName = "PingTimedOut")]
        public static partial void PingTimedOut(ILogger logger, string userId, string clientId, string connectionId);
    }
}
