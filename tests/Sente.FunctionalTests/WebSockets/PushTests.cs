using System.Globalization;
using Sente.FunctionalTests.Infrastructure;
using Sente.Grains;
using Sente.Protocol;

namespace Sente.FunctionalTests.WebSockets;

[Trait("Category", "Functional")]
public sealed class PushTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SenteServer Server => fixture.Server;

    private static SenteEvent N(int i) => new("test/n", i.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task SendAsync_ToConnectedUser_ArrivesAsBatchWithConsecutiveSeqs()
    {
        var cookie = await Server.LoginAsync("push-1");
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);
        var user = Server.Cluster.GetGrain<IUserGrain>("push-1");

        Assert.Equal(1, await user.SendAsync(N(1)));
        Assert.Equal(1, await user.SendAsync(N(2)));
        var received = await socket.ReceiveEventsAsync(2);

        Assert.Equal([1L, 2L], received.Events.Select(e => e.Seq));
        Assert.Equal(["1", "2"], received.Events.Select(e => e.Event[1].GetRawText()));
        Assert.Equal("test/n", received.Events[0].Event[0].GetString());
    }

    [Fact]
    public async Task SendAsync_100EventsQuickly_ArriveInOrderInFewerFramesThanEvents()
    {
        var cookie = await Server.LoginAsync("push-burst");
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);
        var user = Server.Cluster.GetGrain<IUserGrain>("push-burst");

        for (var i = 1; i <= 100; i++)
        {
            await user.SendAsync(N(i));
        }

        var received = await socket.ReceiveEventsAsync(100);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => i.ToString(CultureInfo.InvariantCulture)), received.Events.Select(e => e.Event[1].GetRawText()));
        Assert.True(received.Batches < 100, $"100 events came in {received.Batches} frames; batching should merge them");
    }

    [Fact]
    public async Task SendAsync_TwoTabsOfOneUser_BothReceiveEveryEvent()
    {
        var cookie = await Server.LoginAsync("push-tabs");
        await using var tab1 = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);
        await using var tab2 = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);

        Assert.Equal(2, await Server.Cluster.GetGrain<IUserGrain>("push-tabs").SendAsync(N(7)));

        Assert.Equal("7", (await tab1.ReceiveEventsAsync(1)).Events[0].Event[1].GetRawText());
        Assert.Equal("7", (await tab2.ReceiveEventsAsync(1)).Events[0].Event[1].GetRawText());
    }

    [Fact]
    public async Task SendAsync_ToUserB_NeverReachesUserA()
    {
        var alice = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("iso-a"));
        await using var _ = alice;
        await using var bob = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("iso-b"));

        await Server.Cluster.GetGrain<IUserGrain>("iso-b").SendAsync(new SenteEvent("test/secret", "\"for bob\""));
        await Server.Cluster.GetGrain<IUserGrain>("iso-a").SendAsync(new SenteEvent("test/public", "\"for alice\""));

        Assert.Equal("test/secret", (await bob.ReceiveEventsAsync(1)).Events[0].Event[0].GetString());
        var aliceGot = await alice.ReceiveEventsAsync(1);
        Assert.Equal("test/public", aliceGot.Events[0].Event[0].GetString());
        Assert.Null(await alice.TryReceiveTextAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task SendAsync_UserWithoutClients_ReportsZero()
    {
        Assert.Equal(0, await Server.Cluster.GetGrain<IUserGrain>("nobody-" + Guid.NewGuid()).SendAsync(N(1)));
    }

    [Fact]
    public async Task SendAsync_ReservedId_Refused()
    {
        var user = Server.Cluster.GetGrain<IUserGrain>("reserved-push");
        await Assert.ThrowsAsync<ArgumentException>(() => user.SendAsync(new SenteEvent("chsk/handshake")));
    }

    [Fact]
    public async Task Ack_RemovesEventsFromOutbox()
    {
        var clientId = HandshakeTests.NewClientId();
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(clientId), await Server.LoginAsync("acker"));
        var user = Server.Cluster.GetGrain<IUserGrain>("acker");
        await user.SendManyAsync([N(1), N(2), N(3)]);
        await socket.ReceiveEventsAsync(3);

        await socket.SendAsync(EnvelopeWriter.Ack(2));
        await Eventually(async () => (await user.GetClientsAsync()).Clients.Single(c => c.ClientId == clientId).AckedSeq == 2);

        // An ack beyond what was pushed acknowledges only what was pushed.
        await socket.SendAsync(EnvelopeWriter.Ack(99));
        await Eventually(async () => (await user.GetClientsAsync()).Clients.Single(c => c.ClientId == clientId).AckedSeq == 3);
    }

    internal static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeoutExtensions.Default;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
