using System.Text.Json;
using Sente.FunctionalTests.Infrastructure;

namespace Sente.FunctionalTests.WebSockets;

[Trait("Category", "Functional")]
public sealed class RequestReplyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SenteServer Server => fixture.Server;

    [Fact]
    public async Task Request_Echo_ReplyCarriesDataAndCallbackId()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        await socket.SendEventAsync("demo/echo", """{"a":[1,2,{"b":"c"}]}""", "k3x9qa");
        var reply = await socket.ReceiveAsync();

        Assert.Equal("k3x9qa", reply.Callback);
        Assert.Equal("""{"a":[1,2,{"b":"c"}]}""", reply.Payload.GetRawText());
    }

    [Fact]
    public async Task Request_WhoAmI_RepliesUidAndClientId()
    {
        var clientId = HandshakeTests.NewClientId();
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(clientId), await Server.LoginAsync("who"));

        await socket.SendEventAsync("demo/whoami", null, "w1");
        var reply = await socket.ReceiveAsync();

        Assert.Equal("who", reply.Payload.GetProperty("uid").GetString());
        Assert.Equal(clientId, reply.Payload.GetProperty("client-id").GetString());
    }

    [Fact]
    public async Task Request_NoHandler_RepliesChskError()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        await socket.SendEventAsync("nobody/handles-this", "1", "e1");
        var reply = await socket.ReceiveAsync();

        Assert.Equal("e1", reply.Callback);
        Assert.Equal("chsk/error", reply.Payload.GetString());
    }

    [Fact]
    public async Task Event_WithoutCallback_GetsNoReply()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        await socket.SendEventAsync("demo/echo", "1");
        await socket.SendEventAsync("demo/echo", "2", "after");

        // Events of one connection are handled in order: the reply to the second proves the first was handled.
        var reply = await socket.ReceiveAsync();
        Assert.Equal("after", reply.Callback);
    }

    [Fact]
    public async Task Requests_ManyInFlight_EachReplyFindsItsCallback()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));
        for (var i = 0; i < 50; i++)
        {
            await socket.SendEventAsync("demo/echo", i.ToString(), "cb" + i);
        }

        for (var i = 0; i < 50; i++)
        {
            var reply = await socket.ReceiveAsync();
            Assert.Equal("cb" + i, reply.Callback);
            Assert.Equal(i, reply.Payload.GetInt32());
        }
    }

    [Fact]
    public async Task Broadcast_ReachesEveryConnectedUser()
    {
        await using var a = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("bc-a"));
        await using var b = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("bc-b"));

        await a.SendEventAsync("demo/broadcast", """{"text":"hello all"}""", "b1");

        var atB = (await b.ReceiveEventsAsync(1)).Events[0].Event;
        Assert.Equal("demo/broadcast", atB[0].GetString());
        Assert.Equal("bc-a", atB[1].GetProperty("from").GetString());
        Assert.Equal("hello all", atB[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task DemoConnectedUsers_RepliesTheViewWithTheCallerInIt()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("cu-a"));

        await socket.SendEventAsync("demo/connected-users", null, "cu1");

        var reply = await socket.ReceiveAsync();
        Assert.Equal("cu1", reply.Callback);
        Assert.Contains("cu-a", reply.Payload.GetProperty("ws").EnumerateArray().Select(u => u.GetString()));
        Assert.Contains("cu-a", reply.Payload.GetProperty("any").EnumerateArray().Select(u => u.GetString()));
        Assert.DoesNotContain("cu-a", reply.Payload.GetProperty("ajax").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task Send_ToAnotherUser_PushesThatEvent()
    {
        await using var a = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("send-a"));
        await using var b = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("send-b"));

        await a.SendEventAsync("demo/send", """{"to":"send-b","event":["chat/msg",{"t":1}]}""", "s1");

        var reply = await a.ReceiveAsync();
        Assert.Equal(1, reply.Payload.GetProperty("clients").GetInt32());
        var atB = (await b.ReceiveEventsAsync(1)).Events[0].Event;
        Assert.Equal("""["chat/msg",{"t":1}]""", atB.GetRawText());
    }

    [Fact]
    public async Task Request_HandlerNeverReplies_NoReplyArrives()
    {
        // The server never invents a reply: the client's own timeout (chsk/timeout) covers this.
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        await socket.SendEventAsync(TestHandlers.Silent, null, "t1");

        Assert.Null(await socket.TryReceiveTextAsync(TimeSpan.FromMilliseconds(300)));
    }
}
