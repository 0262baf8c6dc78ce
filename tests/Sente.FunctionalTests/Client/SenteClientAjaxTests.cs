using System.Globalization;
using System.Net;
using Sente.Client;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains;
using Sente.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Sente.Wire;

namespace Sente.FunctionalTests.Client;

/// <summary>Sente.Client over Ajax long-polling, against the real server.</summary>
[Trait("Category", "Functional")]
public sealed class SenteClientAjaxTests(ShortPollServerFixture fixture) : IClassFixture<ShortPollServerFixture>
{
    private SenteServer Server => fixture.Server;

    private async Task<SenteClient> ConnectAsync(SenteTransportMode mode, string? user = null)
    {
        var options = await Server.ClientOptionsAsync(user, HandshakeTests.NewClientId(), mode);
        var client = new SenteClient(options);
        await client.ConnectAsync().DefaultTimeout();
        return client;
    }

    [Fact]
    public async Task Ajax_Request_Echo()
    {
        await using var client = await ConnectAsync(SenteTransportMode.Ajax);

        Assert.Equal(TransportKind.Ajax, client.State.Type);
        Assert.Equal(5, (await client.RequestAsync(new SenteEvent("demo/echo", "5"), TimeSpan.FromSeconds(5))).GetInt32());
    }

    [Fact]
    public async Task Ajax_RequestNeverAnswered_ChskTimeout()
    {
        await using var client = await ConnectAsync(SenteTransportMode.Ajax);

        var error = await Assert.ThrowsAsync<SenteRequestException>(
            () => client.RequestAsync(new SenteEvent(TestHandlers.Silent), TimeSpan.FromSeconds(10)).DefaultTimeout());

        Assert.Equal(CallbackReplies.Timeout, error.Reason);
    }

    [Fact]
    public async Task Ajax_RequestInFlightWhenBroken_ChskClosedPromptly()
    {
        await using var client = await ConnectAsync(SenteTransportMode.Ajax);

        var pending = client.RequestAsync(new SenteEvent(TestHandlers.Silent), TimeSpan.FromSeconds(30));
        client.BreakConnection();

        var error = await Assert.ThrowsAsync<SenteRequestException>(() => pending.DefaultTimeout(TimeSpan.FromSeconds(2)));
        Assert.Equal(CallbackReplies.Closed, error.Reason);
    }

    [Fact]
    public async Task Ajax_1000PushesWithTwoBreaks_EachHandledExactlyOnceInOrder()
    {
        await using var client = await ConnectAsync(SenteTransportMode.Ajax, "ajax-client-resume");
        await BreakingStream.RunAsync(Server, client, "ajax-client-resume", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Auto_WebSocketRefusedByServer_FallsBackToAjaxAndStillWorks()
    {
        // A server (or a proxy) that refuses WebSocket upgrades: the reject hook answers them 403.
        await using var server = await SenteServer.StartAsync(configure: builder =>
            builder.Services.Configure<Sente.Web.SenteOptions>(o => o.RejectRequest = http =>
                ValueTask.FromResult(http.WebSockets.IsWebSocketRequest
                    ? Microsoft.AspNetCore.Http.Results.Text("no websockets here", statusCode: 403)
                    : null)));
        var options = await server.ClientOptionsAsync("auto-fallback", HandshakeTests.NewClientId());
        await using var client = new SenteClient(options);
        var got = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On("chat/msg", e => { got.TrySetResult(e.Event.DataJson); return ValueTask.CompletedTask; });

        await client.ConnectAsync().DefaultTimeout();

        Assert.Equal(TransportKind.Ajax, client.State.Type);
        Assert.Equal("auto-fallback", client.State.Uid);
        Assert.Equal(3, (await client.RequestAsync(new SenteEvent("demo/echo", "3"), TimeSpan.FromSeconds(5))).GetInt32());
        Assert.Equal(1, await server.Cluster.GetGrain<IUserGrain>("auto-fallback").SendAsync(new SenteEvent("chat/msg", "\"hi\"")));
        Assert.Equal("\"hi\"", await got.Task.DefaultTimeout());
    }

    [Fact]
    public async Task WebSocketsDisabledByOption_UpgradeAnswered400AndAutoClientUsesAjax()
    {
        await using var server = await SenteServer.StartAsync(configure: builder =>
            builder.Services.Configure<Sente.Web.SenteOptions>(o => o.WebSockets.Enabled = false));

        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(
            () => RawSenteSocket.ConnectAsync(server.Chsk(HandshakeTests.NewClientId())));
        Assert.Contains("400", refused.Message, StringComparison.Ordinal);

        var options = await server.ClientOptionsAsync("ws-disabled", HandshakeTests.NewClientId());
        await using var client = new SenteClient(options);
        await client.ConnectAsync().DefaultTimeout();
        Assert.Equal(TransportKind.Ajax, client.State.Type);
        Assert.Equal(4, (await client.RequestAsync(new SenteEvent("demo/echo", "4"), TimeSpan.FromSeconds(5))).GetInt32());
    }

    [Fact]
    public async Task Auto_WebSocketWorks_StaysOnWebSocket()
    {
        await using var client = await ConnectAsync(SenteTransportMode.Auto);

        Assert.Equal(TransportKind.WebSocket, client.State.Type);
        Assert.Equal(1, (await client.RequestAsync(new SenteEvent("demo/echo", "1"), TimeSpan.FromSeconds(5))).GetInt32());
    }
}
