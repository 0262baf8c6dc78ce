using System.Globalization;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Grains.Tests.Users;

[Trait("Category", "Grain")]
[Collection(UserGrainClusterCollection.Name)]
public sealed class UserGrainTests(UserGrainClusterFixture fixture) : IDisposable
{
    private readonly RecordingNodeObserver _node = new();
    private IWebNodeObserver? _nodeRef;

    private IClusterClient Client => fixture.Client;

    private IWebNodeObserver NodeRef => _nodeRef ??= Client.CreateObjectReference<IWebNodeObserver>(_node);

    public void Dispose()
    {
        if (_nodeRef is not null)
        {
            Client.DeleteObjectReference<IWebNodeObserver>(_nodeRef);
        }

        GC.KeepAlive(_node);
    }

    private static string NewUid() => "u-" + Guid.NewGuid().ToString("N")[..10];

    private static SenteEvent N(int i) => new("test/n", i.ToString(CultureInfo.InvariantCulture));

    private static SenteEvent[] Range(int from, int to) => Enumerable.Range(from, to - from + 1).Select(N).ToArray();

    private Task<ConnectResult> Connect(IUserGrain user, string clientId, string connectionId, long? lastSeq = null, string node = "node-a", TransportKind transport = TransportKind.WebSocket) =>
        user.ConnectAsync(new ConnectRequest(clientId, connectionId, node, transport, lastSeq, NodeRef));

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Connect_NewClient_StartsAtZeroWithoutResumedFlag()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());

        var result = await Connect(user, "c1", "conn1");

        Assert.Equal(new ConnectResult(0, null, NewClient: true), result);
    }

    [Fact]
    public async Task Send_ConnectedClient_DeliversConsecutiveSeqsInOrder()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        _node.AckWith = seq => user.AckAsync("c1", seq);
        await Connect(user, "c1", "conn1");

        for (var i = 1; i <= 120; i++)
        {
            Assert.Equal(1, await user.SendAsync(N(i)));
        }

        await _node.WaitForEventsAsync("conn1", 120);
        var events = _node.EventsFor("conn1");
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(1, 120).Select(i => i.ToString(CultureInfo.InvariantCulture)), events.Select(e => e.Event.DataJson));
    }

    [Fact]
    public async Task Send_SlowNode_OneDeliveryInFlightMergesLaterEventsIntoBatches()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        _node.Stall = TimeSpan.FromMilliseconds(50);
        _node.AckWith = seq => user.AckAsync("c1", seq);
        await Connect(user, "c1", "conn1");

        // Fewer than the retention count: the point is batching, not overflow.
        for (var i = 1; i <= 15; i++)
        {
            await user.SendAsync(N(i));
        }

        await _node.WaitForEventsAsync("conn1", 15);
        Assert.Equal(15, _node.EventsFor("conn1").Count);
        Assert.True(_node.Deliveries.Count < 15, $"{_node.Deliveries.Count} deliveries for 15 events");
    }

    [Fact]
    public async Task Send_ConnectedClientNeverAcks_BeyondRetentionItsConnectionIsClosedToResume()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        _node.Stall = TimeSpan.FromMilliseconds(100);
        await Connect(user, "c1", "conn1");

        await user.SendManyAsync(Range(1, UserGrainClusterFixture.RetentionCount + 10));

        // The connection would see a gap: the grain asks its node to close it, and stops routing.
        await Eventually(() => Task.FromResult(_node.Closed.Contains("conn1")), "node asked to close the connection");
        Assert.False((await user.GetClientsAsync()).Clients[0].Connected);
        var result = await Connect(user, "c1", "conn2", lastSeq: 1);
        Assert.Equal(false, result.Resumed);
    }

    [Fact]
    public async Task Send_ManyClientsOnOneNode_OneGroupedDeliveryEachGetsConsecutiveSeqs()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        for (var i = 0; i < 5; i++)
        {
            await Connect(user, "tab" + i, "conn" + i);
        }

        for (var n = 1; n <= 30; n++)
        {
            Assert.Equal(5, await user.SendAsync(N(n)));
        }

        for (var i = 0; i < 5; i++)
        {
            await _node.WaitForEventsAsync("conn" + i, 30);
            Assert.Equal(Enumerable.Range(1, 30).Select(n => (long)n), _node.EventsFor("conn" + i).Select(e => e.Seq));
        }

        Assert.True(_node.ManyCalls >= 1, "pushes to several clients on one node travel as grouped deliveries");
    }

    [Fact]
    public async Task Send_NoClients_ReturnsZeroAndStoresNothing()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());

        Assert.Equal(0, await user.SendAsync(N(1)));
        Assert.Empty((await user.GetClientsAsync()).Clients);
    }

    [Fact]
    public async Task SendToClient_OnlyThatClientGetsIt()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        await Connect(user, "c1", "conn1");
        await Connect(user, "c2", "conn2");

        Assert.Equal(1, await user.SendToClientAsync("c2", N(5)));
        Assert.Equal(0, await user.SendToClientAsync("nope", N(6)));

        await _node.WaitForEventsAsync("conn2", 1);
        Assert.Empty(_node.EventsFor("conn1"));
        var clients = (await user.GetClientsAsync()).Clients;
        Assert.Equal(0, clients.Single(c => c.ClientId == "c1").LastSeq);
        Assert.Equal(1, clients.Single(c => c.ClientId == "c2").LastSeq);
    }

    [Fact]
    public async Task Reconnect_WithLastSeqStillHeld_ResumedTrueAndReplaysTheRest()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        await Connect(user, "c1", "conn1");
        await user.SendManyAsync(Range(1, 10));
        await _node.WaitForEventsAsync("conn1", 10);
        await user.DisconnectAsync("c1", "conn1");
        await user.SendManyAsync(Range(11, 15));

        var result = await Connect(user, "c1", "conn2", lastSeq: 6);

        Assert.Equal(new ConnectResult(6, true), result);
        await _node.WaitForEventsAsync("conn2", 9);
        Assert.Equal(Enumerable.Range(7, 9).Select(i => (long)i), _node.EventsFor("conn2").Select(e => e.Seq));
    }

    [Fact]
    public async Task Reconnect_WithoutLastSeq_ContinuesAfterLastAck()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        await Connect(user, "c1", "conn1");
        await user.SendManyAsync(Range(1, 5));
        await user.AckAsync("c1", 3);
        await user.DisconnectAsync("c1", "conn1");

        var result = await Connect(user, "c1", "conn2");

        Assert.Equal(new ConnectResult(3, null), result);
        await _node.WaitForEventsAsync("conn2", 2);
        Assert.Equal([4L, 5L], _node.EventsFor("conn2").Select(e => e.Seq));
    }

    [Fact]
    public async Task Ack_BeyondLastSeq_AcknowledgesOnlyWhatWasPushed()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        await Connect(user, "c1", "conn1");
        await user.SendManyAsync(Range(1, 3));

        await user.AckAsync("c1", 1000);

        await Eventually(async () => (await user.GetClientsAsync()).Clients[0].AckedSeq == 3, "ack applied");
    }

    [Fact]
    public async Task Reconnect_AfterRetentionCountExceeded_ResumedFalseFromFirstHeld()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        await Connect(user, "c1", "conn1");
        await user.DisconnectAsync("c1", "conn1");
        await user.SendManyAsync(Range(1, UserGrainClusterFixture.RetentionCount + 5));

        var result = await Connect(user, "c1", "conn2", lastSeq: 0);

        Assert.Equal(new ConnectResult(5, false), result);
        await _node.WaitForEventsAsync("conn2", UserGrainClusterFixture.RetentionCount);
        Assert.Equal(6, _node.EventsFor("conn2")[0].Seq);
        Assert.Equal(5, (await user.GetClientsAsync()).Clients[0].DroppedEvents);
    }

    [Fact]
    public async Task Connect_UnknownClientWithLastSeq_FreshStreamAfterItResumedFalse()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());

        var result = await Connect(user, "c1", "conn1", lastSeq: 40);
        await user.SendAsync(N(1));

        Assert.Equal(new ConnectResult(41, false, NewClient: true), result);
        await _node.WaitForEventsAsync("conn1", 1);
        Assert.Equal(42, _node.EventsFor("conn1")[0].Seq);
    }

    [Fact]
    public async Task Disconnect_StaleConnectionId_Ignored()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        await Connect(user, "c1", "old");
        await Connect(user, "c1", "new");

        await user.DisconnectAsync("c1", "old");

        Assert.True((await user.GetClientsAsync()).Clients[0].Connected);
    }

    [Fact]
    public async Task Connect_SameClientIdNewConnection_OlderConnectionAskedToClose()
    {
        // A newer Ajax poll, or a WebSocket that reconnected before the old one was noticed dead.
        var user = Client.GetGrain<IUserGrain>(NewUid());
        await Connect(user, "c1", "older");

        await Connect(user, "c1", "newer");

        await Eventually(() => Task.FromResult(_node.Closed.Contains("older")), "older connection closed");
        Assert.DoesNotContain("newer", _node.Closed);
    }

    [Fact]
    public async Task DeliveryRefused_RouteDroppedOutboxKept()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        await Connect(user, "c1", "conn1");
        _node.Accept = false;

        await user.SendAsync(N(1));

        await Eventually(async () => !(await user.GetClientsAsync()).Clients[0].Connected, "route dropped");
        Assert.Equal(1, await user.SendAsync(N(2)));
        _node.Accept = true;
        var result = await Connect(user, "c1", "conn2", lastSeq: 0);
        Assert.True(result.Resumed);
        await _node.WaitForEventsAsync("conn2", 2);
    }

    [Fact]
    public async Task WebNodeDied_ConnectionsOnItStopRoutingOutboxKept()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        await Connect(user, "c1", "conn1", node: "dying");
        await Connect(user, "c2", "conn2", node: "healthy");

        await user.WebNodeDiedAsync("dying");
        await user.SendAsync(N(1));

        var clients = (await user.GetClientsAsync()).Clients;
        Assert.False(clients.Single(c => c.ClientId == "c1").Connected);
        Assert.True(clients.Single(c => c.ClientId == "c2").Connected);
        Assert.Equal(1, clients.Single(c => c.ClientId == "c1").LastSeq);
        await _node.WaitForEventsAsync("conn2", 1);
        Assert.Empty(_node.EventsFor("conn1"));
    }

    [Fact]
    public async Task WebNodeLeaseExpires_UserGrainsStopRoutingToIt()
    {
        var uid = NewUid();
        var nodeId = "lease-" + uid;
        var user = Client.GetGrain<IUserGrain>(uid);
        var lease = Client.GetGrain<IWebNodeGrain>(nodeId);
        Assert.Equal(WebNodeLeaseStatus.Fresh, await lease.HeartbeatAsync(TimeSpan.FromMilliseconds(400)));
        await Connect(user, "c1", "conn1", node: nodeId);

        // No more heartbeats: the node is "killed".
        await Eventually(async () => !(await user.GetClientsAsync()).Clients[0].Connected, "lease expiry reached the user grain");

        Assert.False(await lease.IsAliveAsync());
        Assert.Equal(WebNodeLeaseStatus.WasDeclaredDead, await lease.HeartbeatAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(WebNodeLeaseStatus.Renewed, await lease.HeartbeatAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task WebNodeLease_RecreatedGrainLearnsUsersFromNode_ThenExpiryStillReachesThem()
    {
        // A lease grain that lost its list (silo failure) answers Fresh; the node re-registers its users.
        var uid = NewUid();
        var nodeId = "fresh-" + uid;
        var user = Client.GetGrain<IUserGrain>(uid);
        await Connect(user, "c1", "conn1", node: nodeId);
        var lease = Client.GetGrain<IWebNodeGrain>(nodeId);
        await lease.UntrackUserAsync(uid); // what a re-created lease grain would have lost

        Assert.Equal(WebNodeLeaseStatus.Fresh, await lease.HeartbeatAsync(TimeSpan.FromMilliseconds(400)));
        await lease.TrackUsersAsync([uid]);

        await Eventually(async () => !(await user.GetClientsAsync()).Clients[0].Connected, "expiry reached the re-registered user");
    }

    [Fact]
    public async Task Presence_TwoTabs_OneUidPortOpen_CloseOnlyAfterGrace()
    {
        var uid = NewUid();
        var user = Client.GetGrain<IUserGrain>(uid);
        await Connect(user, "tab1", "conn1");
        await Connect(user, "tab2", "conn2");
        Assert.Equal(new UserPresence(true, false), await user.GetPresenceAsync());

        await user.DisconnectAsync("tab1", "conn1");
        await user.DisconnectAsync("tab2", "conn2");
        Assert.True((await user.GetPresenceAsync()).Any, "still present within the grace");

        await Eventually(async () => !(await user.GetPresenceAsync()).Any, "grace expired");
        await Eventually(() => Task.FromResult(UserGrainClusterFixture.HandledFor(uid).Count == 2), "uidport events handled");
        Assert.Equal(["chsk/uidport-open", "chsk/uidport-close"], UserGrainClusterFixture.HandledFor(uid));
    }

    [Fact]
    public async Task Presence_ReconnectWithinGrace_NoUidPortClose()
    {
        var uid = NewUid();
        var user = Client.GetGrain<IUserGrain>(uid);
        await Connect(user, "tab1", "conn1");
        await user.DisconnectAsync("tab1", "conn1");
        await Connect(user, "tab1", "conn2");

        await Task.Delay(UserGrainClusterFixture.Grace * 3);

        Assert.True((await user.GetPresenceAsync()).Any);
        Assert.Equal(["chsk/uidport-open"], UserGrainClusterFixture.HandledFor(uid));
    }

    [Fact]
    public async Task Presence_ByTransport_AndConnectedUsersView()
    {
        var wsUid = NewUid();
        var ajaxUid = NewUid();
        await Connect(Client.GetGrain<IUserGrain>(wsUid), "c1", "conn-ws");
        await Connect(Client.GetGrain<IUserGrain>(ajaxUid), "c1", "conn-ajax", transport: TransportKind.Ajax);

        // A connect returns only once its shard has the user: read-your-writes, no waiting.
        var view = await Client.GetConnectedUsersGrain().GetConnectedUsersAsync();

        Assert.Contains(wsUid, view.WebSocket);
        Assert.DoesNotContain(wsUid, view.Ajax);
        Assert.Contains(ajaxUid, view.Ajax);
        Assert.DoesNotContain(ajaxUid, view.WebSocket);
        Assert.Contains(wsUid, view.Any);
        Assert.Contains(ajaxUid, view.Any);
        Assert.Equal(new UserPresence(false, true), await Client.GetConnectedUsersGrain().GetPresenceAsync(ajaxUid));
    }

    [Fact]
    public async Task Retention_DisconnectedClientExpires_SendReachesNobody()
    {
        var user = Client.GetGrain<IUserGrain>(NewUid());
        await Connect(user, "c1", "conn1");
        await user.DisconnectAsync("c1", "conn1");
        Assert.Equal(1, await user.SendAsync(N(1)));

        await Eventually(async () => (await user.GetClientsAsync()).Clients.Count == 0, "client expired after retention age");
        Assert.Equal(0, await user.SendAsync(N(2)));
    }

    [Fact]
    public async Task InboundStream_ClientEventsReachHandlersInOrder()
    {
        var uid = NewUid();
        var stream = Client.GetStreamProvider(Sente.Streams.SenteStreams.ProviderName)
            .GetStream<InboundEvent>(Sente.Streams.SenteStreams.Inbound(uid));

        for (var i = 0; i < 30; i++)
        {
            await stream.OnNextAsync(new InboundEvent(uid, "c" + i, "conn", new SenteEvent("test/event"), null, null, TransportKind.WebSocket));
        }

        await Eventually(() => Task.FromResult(UserGrainClusterFixture.HandledFor(uid).Count == 30), "30 events handled");
        Assert.Equal(Enumerable.Range(0, 30).Select(i => "c" + i),
            UserGrainClusterFixture.Handled.Where(h => h.Uid == uid).Select(h => h.ClientId));
    }
}
