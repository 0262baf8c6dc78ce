using Sente.FunctionalTests.Infrastructure;
using Sente.Protocol;

namespace Sente.FunctionalTests.WebSockets;

[Trait("Category", "Functional")]
public sealed class KeepAliveTests(FastKeepAliveServerFixture fixture) : IClassFixture<FastKeepAliveServerFixture>
{
    private SenteServer Server => fixture.Server;

    [Fact]
    public async Task ClientPing_ServerAnswersPongWithSameCallback()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        await socket.SendAsync("""[["chsk/ws-ping"],"p1"]""");
        var pong = await socket.ReceiveAsync();
        while (pong.Callback is null && pong.Payload.ValueKind == System.Text.Json.JsonValueKind.String
            && pong.Payload.GetString() == SenteEventIds.WsPing)
        {
            // With this fixture's short keep-alive a server ping can come first on a slow box: answer it.
            await socket.SendAsync("""[["chsk/ws-pong"],null]""");
            pong = await socket.ReceiveAsync();
        }

        Assert.Equal("pong", pong.Payload.GetString());
        Assert.Equal("p1", pong.Callback);
    }

    [Fact]
    public async Task QuietConnection_ServerPings_AnsweredPongKeepsItOpen()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        for (var i = 0; i < 3; i++)
        {
            var ping = await socket.ReceiveAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(SenteEventIds.WsPing, ping.Payload.GetString());
            Assert.Null(ping.Callback);
            await socket.SendAsync("""[["chsk/ws-pong"],null]""");
        }

        Assert.False(socket.Closed.IsCompleted);
    }

    [Fact]
    public async Task QuietConnection_PingUnanswered_ServerCloses()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        var ping = await socket.ReceiveAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SenteEventIds.WsPing, ping.Payload.GetString());

        await socket.Closed.DefaultTimeout(TimeSpan.FromSeconds(5));
    }
}
