using System.Net.WebSockets;
using Sente.Client.Tests.Infrastructure;
using Sente.Protocol;

namespace Sente.Client.Tests;

/// <summary>Connect, disconnect, break, reconnect and keep-alive against the fake server.</summary>
[Trait("Category", "Unit")]
public sealed class SenteClientConnectionTests
{
    [Fact]
    public async Task ConnectAsync_WaitsForHandshake_AndReportsFirstOpen()
    {
        await using var f = await ClientFixture.StartAsync(o => o.CsrfToken = "tok");

        var connection = await f.ConnectAsync(seq: 0, uid: "alice", dataJson: """{"theme": "dark"}""");

        Assert.Equal(f.Client.ClientId, connection.Query["client-id"]);
        Assert.Equal("tok", connection.Query["csrf-token"]);
        Assert.Null(connection.LastSeq);
        Assert.True(f.Client.IsOpen);
        var opened = await f.States.WaitForAsync(c => c.Opened);
        Assert.True(opened.FirstOpen);
        Assert.Equal("alice", opened.NewState.Uid);
        Assert.Equal("dark", opened.NewState.HandshakeData!.Value.GetProperty("theme").GetString());
        Assert.Equal(TimeSpan.FromMilliseconds(12500), opened.NewState.ServerKeepAlive);
        Assert.Null(opened.NewState.Resumed);
    }

    [Fact]
    public async Task ConnectAsync_RefusedUpgrade_ThrowsWithStatus_AndDoesNotRetry()
    {
        // WebSocket only: in the default auto mode a refused upgrade falls back to Ajax (SenteClientAutoTransportTests).
        await using var f = await ClientFixture.StartAsync(o => o.Transport = SenteTransportMode.WebSocket);
        f.Server.RejectNextUpgrade(403);

        var ex = await Assert.ThrowsAsync<SenteConnectException>(() => f.Client.ConnectAsync().DefaultTimeout());

        Assert.Equal(403, ex.StatusCode);
        Assert.False(f.Client.IsOpen);
        Assert.Equal(SenteErrorKind.Connect, f.Client.State.LastError!.Kind);
    }

    [Fact]
    public async Task ConnectAsync_NoHandshakeInTime_Throws()
    {
        await using var f = await ClientFixture.StartAsync(o => o.ConnectTimeout = TimeSpan.FromSeconds(15));

        var connect = f.Client.ConnectAsync();
        var connection = await f.Server.NextConnectionAsync();
        f.Time.Advance(TimeSpan.FromSeconds(15));

        var ex = await Assert.ThrowsAsync<SenteConnectException>(() => connect.DefaultTimeout());
        Assert.Contains(nameof(SenteClientOptions.ConnectTimeout), ex.Message);
        Assert.Null(await connection.Closed.DefaultTimeout());
        Assert.False(f.Client.State.EverOpened);
    }

    [Fact]
    public async Task ConnectAsync_OnConnectingHook_SetsHeadersAndToken()
    {
        await using var f = await ClientFixture.StartAsync(o => o.OnConnecting = (ctx, _) =>
        {
            ctx.Headers["Authorization"] = "Bearer k";
            ctx.CsrfToken = "fresh";
            return ValueTask.CompletedTask;
        });

        var connection = await f.ConnectAsync();

        Assert.Equal("fresh", connection.Query["csrf-token"]);
    }

    [Fact]
    public async Task DisconnectAsync_ClosesWith1000_AndRecordsRequestedDisconnect()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        await f.Client.DisconnectAsync().DefaultTimeout();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await connection.Closed.DefaultTimeout());
        var closed = await f.States.WaitForAsync(c => c.Closed);
        Assert.Equal(SenteCloseReason.RequestedDisconnect, closed.NewState.LastClose!.Reason);
        Assert.False(f.Client.IsOpen);
        Assert.False(await f.Client.SendAsync(ClientFixture.Ev("app/x", 1)));
    }

    [Fact]
    public async Task BreakConnection_ReconnectsAtOnce_WithLastSeq()
    {
        await using var f = await ClientFixture.StartAsync();
        var first = await f.ConnectAsync();
        await first.SendBatchAsync(1, ClientFixture.Ev("app/a", 1), ClientFixture.Ev("app/a", 2), ClientFixture.Ev("app/a", 3));
        await first.NextAckAsync(3);

        f.Client.BreakConnection();

        var second = await f.AcceptReconnectAsync(seq: 3, resumed: true);
        Assert.Equal("3", second.LastSeq);
        Assert.Null(await first.Closed.DefaultTimeout());
        var closed = await f.States.WaitForAsync(c => c.Closed);
        Assert.Equal(SenteCloseReason.Unexpected, closed.NewState.LastClose!.Reason);
        var reopened = await f.States.WaitForAsync(c => c.Opened && !c.FirstOpen);
        Assert.True(reopened.NewState.Resumed);
        Assert.Equal(0, reopened.NewState.ReconnectAttempt);
    }

    [Fact]
    public async Task ServerDrop_SecondAttemptWaitsForBackoff()
    {
        var attempts = new List<int>();
        await using var f = await ClientFixture.StartAsync(o => o.Backoff = n =>
        {
            lock (attempts)
            {
                attempts.Add(n);
            }

            return n == 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(3);
        });
        var first = await f.ConnectAsync();
        f.Server.RejectNextUpgrade(503);

        first.Abort();

        await f.Server.NextRejectedAsync();
        var scheduled = await f.States.WaitForAsync(c => c.NewState.NextReconnectAt is not null);
        Assert.Equal(2, scheduled.NewState.ReconnectAttempt);
        Assert.Equal(f.Time.GetUtcNow() + TimeSpan.FromSeconds(3), scheduled.NewState.NextReconnectAt);
        Assert.Equal(SenteErrorKind.Connect, scheduled.NewState.LastError!.Kind);

        f.Time.Advance(TimeSpan.FromSeconds(3));

        var second = await f.AcceptReconnectAsync(seq: 0, resumed: true);
        Assert.Equal("0", second.LastSeq);
        var reopened = await f.States.WaitForAsync(c => c.Opened && !c.FirstOpen);
        Assert.Null(reopened.NewState.NextReconnectAt);
        Assert.Equal([1, 2], attempts);
    }

    [Fact]
    public async Task AutoReconnectOff_DropStaysClosed()
    {
        await using var f = await ClientFixture.StartAsync(o => o.AutoReconnect = false);
        var connection = await f.ConnectAsync();

        connection.Abort();

        var closed = await f.States.WaitForAsync(c => c.Closed);
        Assert.Equal(SenteCloseReason.Unexpected, closed.NewState.LastClose!.Reason);
        Assert.False(f.Client.IsOpen);
    }

    [Fact]
    public async Task ReconnectAsync_ClosesWithRequestedReconnect_AndHandshakesAgain()
    {
        await using var f = await ClientFixture.StartAsync();
        var first = await f.ConnectAsync();

        var reconnect = f.Client.ReconnectAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.Closed.DefaultTimeout());
        var second = await f.AcceptReconnectAsync(seq: 0, resumed: true);
        await reconnect.DefaultTimeout();

        Assert.Equal("0", second.LastSeq);
        var closed = await f.States.WaitForAsync(c => c.Closed);
        Assert.Equal(SenteCloseReason.RequestedReconnect, closed.NewState.LastClose!.Reason);
        Assert.True(f.Client.IsOpen);
    }

    [Fact]
    public async Task ServerPing_IsAnsweredWithPong()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        await connection.SendAsync(EnvelopeWriter.Control(SenteEventIds.WsPing));

        var pong = await connection.NextEventAsync(SenteEventIds.WsPong);
        Assert.Null(pong.Callback);
        Assert.Equal(1, pong.Payload.GetArrayLength());
    }

    [Fact]
    public async Task KeepAlive_IdleClientPings_AndReconnectsWhenNoPong()
    {
        await using var f = await ClientFixture.StartAsync(configureServer: s => s.AutoPong = false);
        var first = await f.ConnectAsync();

        f.Time.Advance(TimeSpan.FromSeconds(10));
        var ping = await first.NextEventAsync(SenteEventIds.WsPing);
        Assert.True(ProtocolConstants.IsValidCallback(ping.Callback));
        f.Time.Advance(TimeSpan.FromSeconds(5));

        var second = await f.AcceptReconnectAsync(seq: 0, resumed: true);
        var closed = await f.States.WaitForAsync(c => c.Closed);
        Assert.Equal(SenteCloseReason.WsPingTimeout, closed.NewState.LastClose!.Reason);
        Assert.Equal("0", second.LastSeq);
    }

    [Fact]
    public async Task KeepAlive_PongKeepsConnectionOpen()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        f.Time.Advance(TimeSpan.FromSeconds(10));
        await connection.NextEventAsync(SenteEventIds.WsPing);

        // The server answered the ping first; once a later push is handled, the pong was read too.
        await connection.SendBatchAsync(1, ClientFixture.Ev("app/n", 1));
        await f.Events.WaitForAsync(e => e.Seq == 1);

        // The pong settled the ping, so advancing past the ping timeout brings the next ping, not a reconnect.
        f.Time.Advance(TimeSpan.FromSeconds(10));
        await connection.NextEventAsync(SenteEventIds.WsPing);
        Assert.True(f.Client.IsOpen);
        Assert.DoesNotContain(f.States.Items, c => c.Closed);
    }
}
