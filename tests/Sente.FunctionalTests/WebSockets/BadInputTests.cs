using System.Net.WebSockets;
using System.Text;
using Sente.FunctionalTests.Infrastructure;

namespace Sente.FunctionalTests.WebSockets;

[Trait("Category", "Functional")]
public sealed class BadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SenteServer Server => fixture.Server;

    public static TheoryData<string> Malformed => new()
    {
        "not json",
        "{\"an\":\"object\"}",
        "[]",
        "[[\"demo/echo\"]]",
        "[[\"demo/echo\"],null,{},4]",
        "[[\"demo/echo\"],42]",
        "[[\"demo/echo\"],\"\"]",
        "[[\"demo/echo\"],\"" + new string('x', 37) + "\"]",
        "[[\"demo/echo\"],null,null]",
        "[[\"demo/echo\", 1e999999], null",
        new string('[', 200) + new string(']', 200),
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedMessage_IsDroppedAndConnectionStaysUsable(string message)
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        await socket.SendAsync(message);
        await socket.SendEventAsync("demo/echo", "\"still here\"", "ok1");

        var reply = await socket.ReceiveAsync();
        Assert.Equal("ok1", reply.Callback);
        Assert.Equal("still here", reply.Payload.GetString());
    }

    [Fact]
    public async Task InvalidUtf8_IsDroppedAndConnectionStaysUsable()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        await socket.SendAsync([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x2c, 0x6e, 0x75, 0x6c, 0x6c, 0x5d], WebSocketMessageType.Binary);
        await socket.SendEventAsync("demo/echo", "1", "ok2");

        Assert.Equal("ok2", (await socket.ReceiveAsync()).Callback);
    }

    [Fact]
    public async Task InvalidUtf8InTextFrame_ClosedWith1007()
    {
        // RFC 6455 section 8.1: an endpoint must fail a text message that is not valid UTF-8.
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        await socket.SendAsync([0x5b, 0x22, 0xff, 0x22, 0x2c, 0x6e, 0x75, 0x6c, 0x6c, 0x5d], WebSocketMessageType.Text);

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await socket.Closed.DefaultTimeout());
    }

    [Theory]
    [InlineData("""[["chsk/uidport-open","x"],"r1"]""")]
    [InlineData("""[["chsk/handshake"],"r1"]""")]
    [InlineData("""[["nonamespace"],"r1"]""")]
    [InlineData("""[[1,2],"r1"]""")]
    [InlineData("""["x","r1"]""")]
    [InlineData("""[["chsk/ack",-1],"r1"]""")]
    [InlineData("""[["chsk/ack","7"],"r1"]""")]
    public async Task BadEvent_WithCallback_RepliesChskError(string message)
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        await socket.SendAsync(message);
        var reply = await socket.ReceiveAsync();

        Assert.Equal("r1", reply.Callback);
        Assert.Equal("chsk/error", reply.Payload.GetString());
    }

    [Fact]
    public async Task OversizeMessage_ClosesWith1009()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        var big = Encoding.UTF8.GetBytes("[[\"demo/echo\",\"" + new string('x', 70_000) + "\"],null]");
        await socket.SendAsync(big);

        Assert.Equal((WebSocketCloseStatus)1009, await socket.Closed.DefaultTimeout());
    }

    [Fact]
    public async Task MessageJustUnderLimit_IsAccepted()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        var data = "\"" + new string('y', 64 * 1024 - 100) + "\"";
        await socket.SendEventAsync("demo/echo", data, "big");

        Assert.Equal("big", (await socket.ReceiveAsync()).Callback);
    }

    [Fact]
    public async Task ElevenMalformedMessages_CloseWith1008()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        for (var i = 0; i < 11; i++)
        {
            await socket.SendAsync("garbage " + i);
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.Closed.DefaultTimeout());
    }

    [Fact]
    public async Task ElevenEmptyMessages_CloseWith1008()
    {
        // The server waits for frames with zero-byte reads; an empty message must still be judged
        // (malformed), not swallowed by that wait.
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        for (var i = 0; i < 11; i++)
        {
            await socket.SendAsync([]);
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.Closed.DefaultTimeout());
    }

    [Fact]
    public async Task MessageInFragments_IncludingEmptyOnes_IsReassembled()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));
        var data = "\"" + new string('z', 10_000) + "\"";

        await socket.SendFragmentsAsync("", "[[\"demo/ec", "ho\",", data[..5000], "", data[5000..], "],\"frag\"]", "");
        var reply = await socket.ReceiveAsync();

        Assert.Equal("frag", reply.Callback);
        Assert.Equal(10_000, reply.Payload.GetString()!.Length);
    }

    [Fact]
    public async Task BadConnection_DoesNotDisturbAnotherUser()
    {
        await using var good = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("bystander"));
        await using (var bad = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId())))
        {
            for (var i = 0; i < 20; i++)
            {
                await bad.SendAsync("{{{{");
            }

            await bad.Closed.DefaultTimeout();
        }

        await good.SendEventAsync("demo/echo", "5", "g");
        Assert.Equal(5, (await good.ReceiveAsync()).Payload.GetInt32());
    }
}
