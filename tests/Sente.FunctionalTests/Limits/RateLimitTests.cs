using System.Net.WebSockets;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;

namespace Sente.FunctionalTests.Limits;

[Trait("Category", "Functional")]
public sealed class RateLimitTests(RateLimitedServerFixture fixture) : IClassFixture<RateLimitedServerFixture>
{
    private SenteServer Server => fixture.Server;

    [Fact]
    public async Task WebSocket_OverBurst_ExcessAnsweredChskErrorConnectionStays()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        for (var i = 0; i < 25; i++)
        {
            await socket.SendEventAsync("demo/echo", i.ToString(), "r" + i);
        }

        var replies = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            replies.Add((await socket.ReceiveAsync()).Payload.GetRawText());
        }

        // The burst (20) passes; the rest is refused, but for a token replenished (10/s) meantime.
        Assert.InRange(replies.Count(r => r != "\"chsk/error\""), 20, 23);
        Assert.InRange(replies.Count(r => r == "\"chsk/error\""), 2, 5);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task WebSocket_OverBurstWithoutCallback_NoticeSent()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        // 35 > the burst of 20 even if a few tokens are replenished meantime, < the flood threshold of 30 rejections.
        for (var i = 0; i < 35; i++)
        {
            await socket.SendEventAsync("demo/echo", i.ToString());
        }

        var notice = await socket.ReceiveAsync();
        Assert.Equal("""["chsk/error",{"reason":"rate-limited"}]""", notice.Payload.GetRawText());
        Assert.Null(notice.Callback);
    }

    [Fact]
    public async Task WebSocket_PersistentFlood_ClosedWith1008()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        for (var i = 0; i < 200 && !socket.Closed.IsCompleted; i++)
        {
            try
            {
                await socket.SendEventAsync("demo/echo", "1");
            }
            catch (WebSocketException)
            {
                break;
            }
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.Closed.DefaultTimeout());
    }

    [Fact]
    public async Task Ajax_OverBurst_ExcessRequestsAnsweredChskError()
    {
        await using var client = new RawAjaxClient(Server, HandshakeTests.NewClientId(), null);
        await client.HandshakeAsync();

        var replies = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            replies.Add((await client.RequestAsync("demo/echo", i.ToString())).Payload.GetRawText());
        }

        Assert.True(replies.Count(r => r == "\"chsk/error\"") >= 3, string.Join(",", replies));
        Assert.Equal("0", replies[0]);
    }
}
