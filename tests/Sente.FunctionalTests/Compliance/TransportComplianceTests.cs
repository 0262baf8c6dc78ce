using System.Globalization;
using System.Text.Json;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains;
using Sente.Protocol;

namespace Sente.FunctionalTests.Compliance;

/// <summary>
/// Every functional behaviour, stated once, run over every transport (one subclass line each).
/// </summary>
public abstract class TransportComplianceTests(ShortPollServerFixture fixture, ITestTransport transport)
{
    private SenteServer Server => fixture.Server;

    private Task<ITestTransportClient> ConnectAsync(string? cookie = null, string? clientId = null, long? lastSeq = null) =>
        transport.ConnectAsync(Server, clientId ?? HandshakeTests.NewClientId(), cookie, lastSeq);

    private string User(string name) => $"{transport.Name}-{name}";

    private static SenteEvent N(int i) => new("test/n", i.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task Handshake_NewAnonymousClient_NilUidSeqZero()
    {
        await using var client = await ConnectAsync();

        Assert.Equal("chsk/handshake", client.Handshake.Payload[0].GetString());
        Assert.Equal(ProtocolConstants.NilUid, client.Handshake.Payload[1][0].GetString());
        Assert.Equal(JsonValueKind.Null, client.Handshake.Payload[1][1].ValueKind);
        Assert.Equal(3, client.Handshake.Payload[1].GetArrayLength());
        Assert.Equal(0, client.HandshakeSeq);
        Assert.Equal(2000, client.Handshake.GetMetaInt64(ProtocolConstants.MetaLpTimeoutMs));
    }

    [Fact]
    public async Task Handshake_LoggedIn_UidFromAuthentication()
    {
        await using var client = await ConnectAsync(await Server.LoginAsync(User("hs")));

        Assert.Equal(User("hs"), client.Handshake.Payload[1][0].GetString());
    }

    [Fact]
    public async Task Push_Events_ArriveInOrderWithConsecutiveSeqs()
    {
        var uid = User("push");
        await using var client = await ConnectAsync(await Server.LoginAsync(uid));
        var user = Server.Cluster.GetGrain<IUserGrain>(uid);

        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(1, await user.SendAsync(N(i)));
        }

        var received = await client.ReceiveEventsAsync(10);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), received.Events.Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(1, 10), received.Events.Select(e => e.Event[1].GetInt32()));
    }

    [Fact]
    public async Task Push_BurstOf100_ArrivesInFewerBatchesThanEvents()
    {
        var uid = User("burst");
        await using var client = await ConnectAsync(await Server.LoginAsync(uid));
        var user = Server.Cluster.GetGrain<IUserGrain>(uid);

        for (var i = 1; i <= 100; i++)
        {
            await user.SendAsync(N(i));
        }

        var received = await client.ReceiveEventsAsync(100);
        Assert.Equal(Enumerable.Range(1, 100), received.Events.Select(e => e.Event[1].GetInt32()));
        Assert.True(received.Batches < 100, $"{received.Batches} batches for 100 events");
    }

    [Fact]
    public async Task Request_Echo_RepliesWithData()
    {
        await using var client = await ConnectAsync();

        var reply = await client.RequestAsync("demo/echo", """{"x":[1,"two"]}""");

        Assert.Equal("""{"x":[1,"two"]}""", reply.Payload.GetRawText());
    }

    [Fact]
    public async Task Request_NoHandler_RepliesChskError()
    {
        await using var client = await ConnectAsync();

        Assert.Equal(CallbackReplies.Error, (await client.RequestAsync("nobody/home")).Payload.GetString());
    }

    [Fact]
    public async Task Request_ReservedEventFromClient_RepliesChskError()
    {
        await using var client = await ConnectAsync();

        Assert.Equal(CallbackReplies.Error, (await client.RequestAsync("chsk/uidport-open", "\"x\"")).Payload.GetString());
    }

    [Fact]
    public async Task Send_WithoutCallback_ThenRequest_HandledInOrder()
    {
        var uid = User("order");
        await using var client = await ConnectAsync(await Server.LoginAsync(uid));

        // demo/send pushes to ourselves; the push proves the first event was handled before the echo reply.
        await client.SendAsync("demo/send", $$"""{"to":"{{uid}}","event":["test/self",1]}""");
        await client.RequestAsync("demo/echo", "1");

        Assert.Equal("test/self", (await client.ReceiveEventsAsync(1)).Events[0].Event[0].GetString());
    }

    [Fact]
    public async Task Resume_DroppedWhile1000Pushed_ExactlyAllInOrder()
    {
        var uid = User("resume");
        var cookie = await Server.LoginAsync(uid);
        var clientId = HandshakeTests.NewClientId();
        var user = Server.Cluster.GetGrain<IUserGrain>(uid);
        var first = await ConnectAsync(cookie, clientId);
        var pushing = Task.Run(async () =>
        {
            for (var i = 1; i <= 1000; i++)
            {
                await user.SendAsync(N(i));
            }
        });

        var seen = new List<int>();
        var part1 = await first.ReceiveEventsAsync(150);
        seen.AddRange(part1.Events.Select(e => e.Event[1].GetInt32()));
        first.Abort();
        await first.DisposeAsync();

        await using var second = await ConnectAsync(cookie, clientId, lastSeq: part1.LastSeq);
        Assert.True(second.Handshake.GetMetaBoolean(ProtocolConstants.MetaResumed));
        await pushing.DefaultTimeout();
        var part2 = await second.ReceiveEventsAsync(1000 - seen.Count, TimeSpan.FromSeconds(30));
        seen.AddRange(part2.Events.Select(e => e.Event[1].GetInt32()));

        Assert.Equal(Enumerable.Range(1, 1000), seen);
    }

    [Fact]
    public async Task TwoTabs_OfOneUser_BothReceive()
    {
        var uid = User("tabs");
        var cookie = await Server.LoginAsync(uid);
        await using var tab1 = await ConnectAsync(cookie);
        await using var tab2 = await ConnectAsync(cookie);

        Assert.Equal(2, await Server.Cluster.GetGrain<IUserGrain>(uid).SendAsync(N(42)));

        Assert.Equal(42, (await tab1.ReceiveEventsAsync(1)).Events[0].Event[1].GetInt32());
        Assert.Equal(42, (await tab2.ReceiveEventsAsync(1)).Events[0].Event[1].GetInt32());
    }

    [Fact]
    public async Task Isolation_PushToOtherUser_NeverArrives()
    {
        await using var alice = await ConnectAsync(await Server.LoginAsync(User("iso-a")));
        await using var bob = await ConnectAsync(await Server.LoginAsync(User("iso-b")));

        await Server.Cluster.GetGrain<IUserGrain>(User("iso-b")).SendAsync(new SenteEvent("test/secret", "1"));

        Assert.Equal("test/secret", (await bob.ReceiveEventsAsync(1)).Events[0].Event[0].GetString());
        Assert.True(await alice.ReceivesNothingAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Isolation_AnonymousClient_CannotReadAUsersEvents()
    {
        var uid = User("private");
        await using var owner = await ConnectAsync(await Server.LoginAsync(uid));
        await using var anonymous = await ConnectAsync();

        await Server.Cluster.GetGrain<IUserGrain>(uid).SendAsync(new SenteEvent("test/private", "1"));

        Assert.Single((await owner.ReceiveEventsAsync(1)).Events);
        Assert.True(await anonymous.ReceivesNothingAsync(TimeSpan.FromMilliseconds(300)));
    }
}

[Trait("Category", "Functional")]
public sealed class WebSocketCompliance(ShortPollServerFixture fixture) : TransportComplianceTests(fixture, new WebSocketTestTransport()), IClassFixture<ShortPollServerFixture>;

[Trait("Category", "Functional")]
public sealed class LongPollingCompliance(ShortPollServerFixture fixture) : TransportComplianceTests(fixture, new AjaxTestTransport()), IClassFixture<ShortPollServerFixture>;
