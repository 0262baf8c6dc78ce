using Sente.Client.Tests.Infrastructure;
using Sente.Wire;

namespace Sente.Client.Tests;

/// <summary>Sente's <c>:auto</c> transport selection: WebSocket first, Ajax for good after a WebSocket that never opened.</summary>
[Trait("Category", "Unit")]
public sealed class SenteClientAutoTransportTests
{
    [Fact]
    public void DefaultMode_IsAuto_StartingWithWebSocket()
    {
        Assert.Equal(SenteTransportMode.Auto, new SenteClientOptions().Transport);
    }

    [Fact]
    public async Task Auto_WebSocketWorks_StaysOnWebSocket()
    {
        await using var f = await ClientFixture.StartAsync();
        Assert.Equal(TransportKind.WebSocket, f.Client.State.Type);

        await f.ConnectAsync();

        var opened = await f.States.WaitForAsync(c => c.Opened);
        Assert.Equal(TransportKind.WebSocket, opened.NewState.Type);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Auto_UpgradeRefused_FallsBackToAjax_WithinTheSameConnect(int status)
    {
        await using var f = await ClientFixture.StartAsync(configureServer: s => s.RefuseWebSockets = status);

        await f.ConnectAjaxAsync();

        await f.Server.NextRejectedAsync();
        var downgraded = await f.States.WaitForAsync(c => c.NewState.Type == TransportKind.Ajax);
        Assert.False(downgraded.NewState.Open);
        Assert.Equal(SenteErrorKind.Connect, downgraded.NewState.LastError!.Kind);
        var opened = await f.States.WaitForAsync(c => c.Opened);
        Assert.True(opened.FirstOpen);
        Assert.Equal(TransportKind.Ajax, opened.NewState.Type);
        Assert.Equal("0", (await f.Server.NextPollAsync()).Ack);
    }

    [Fact]
    public async Task Auto_FallbackFailsToo_ConnectThrows_AndTheNextConnectStartsOverWithWebSocket()
    {
        await using var f = await ClientFixture.StartAsync(configureServer: s => s.RefuseWebSockets = 403);

        var connect = f.Client.ConnectAsync();
        (await f.Server.NextAjaxHandshakeAsync()).Respond(503);

        var ex = await Assert.ThrowsAsync<SenteConnectException>(() => connect.DefaultTimeout());
        Assert.Equal(503, ex.StatusCode);
        await f.Server.NextRejectedAsync();
        Assert.Equal(TransportKind.WebSocket, f.Client.State.Type);

        await f.ConnectAjaxAsync();

        await f.Server.NextRejectedAsync();
        Assert.Equal(TransportKind.Ajax, f.Client.State.Type);
    }

    [Fact]
    public async Task Auto_AfterFallback_ReconnectsOverAjaxForGood()
    {
        await using var f = await ClientFixture.StartAsync(configureServer: s => s.RefuseWebSockets = 403);
        await f.ConnectAjaxAsync();
        await f.Server.NextPollAsync();
        f.Server.RefuseWebSockets = null;

        f.Client.BreakConnection();

        var again = await f.Server.NextAjaxHandshakeAsync();
        Assert.Equal("0", again.LastSeq);
        again.RespondHandshake(seq: 0, resumed: true);
        var reopened = await f.States.WaitForAsync(c => c.Opened && !c.FirstOpen);
        Assert.Equal(TransportKind.Ajax, reopened.NewState.Type);
    }

    [Fact]
    public async Task Auto_WebSocketOpenedOnce_IsNeverGivenUp()
    {
        await using var f = await ClientFixture.StartAsync(o => o.Backoff = n => n == 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(3));
        var first = await f.ConnectAsync();
        f.Server.RejectNextUpgrade(403);

        first.Abort();

        await f.Server.NextRejectedAsync();
        var scheduled = await f.States.WaitForAsync(c => c.NewState.NextReconnectAt is not null);
        Assert.Equal(TransportKind.WebSocket, scheduled.NewState.Type);
        f.Time.Advance(TimeSpan.FromSeconds(3));
        await f.AcceptReconnectAsync(seq: 0, resumed: true);
        var reopened = await f.States.WaitForAsync(c => c.Opened && !c.FirstOpen);
        Assert.Equal(TransportKind.WebSocket, reopened.NewState.Type);
    }

    [Fact]
    public async Task WebSocketMode_UpgradeRefused_DoesNotFallBack()
    {
        await using var f = await ClientFixture.StartAsync(o => o.Transport = SenteTransportMode.WebSocket, s => s.RefuseWebSockets = 403);

        var ex = await Assert.ThrowsAsync<SenteConnectException>(() => f.Client.ConnectAsync().DefaultTimeout());

        Assert.Equal(403, ex.StatusCode);
        Assert.Equal(TransportKind.WebSocket, f.Client.State.Type);
    }
}
