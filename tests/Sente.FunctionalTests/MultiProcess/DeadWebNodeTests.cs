using System.Diagnostics;
using System.Globalization;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Xunit.Abstractions;

namespace Sente.FunctionalTests.MultiProcess;

/// <summary>
/// A web node process killed with SIGKILL (no shutdown code runs): user grains must stop routing to
/// it, keep its clients' outboxes, and the clients resume on another node without loss.
/// </summary>
[Trait("Category", "Functional")]
[Collection(MultiProcessCollection.Name)]
public sealed class DeadWebNodeTests(ITestOutputHelper output)
{
    [Fact]
    public Task KillWebNode_NoTraffic_LeaseExpiryDisconnectsAndClientResumesOnOtherNodeExactlyOnce() => ProcessCluster.RunAsync(output, async cluster =>
    {
        const string uid = "mp-dead-lease";
        var (webA, webB) = await StartAsync(cluster, LeaseTimings.Fast);
        var (clientId, lastSeen) = await ConnectAndReceiveThreeAsync(webA, webB, uid);

        webA.Kill();
        var sinceKill = Stopwatch.StartNew();
        cluster.Log($"killed webA (SIGKILL); client {clientId} had seen seq {lastSeen}; no pushes until detected");

        // Nothing is sent to the dead node, so only its lease can reveal it:
        // bound = lease 2 s + lease check period 1 s, plus slack for a loaded 2-core box.
        await WaitDisconnectedAsync(cluster, webB, uid, clientId, sinceKill, TimeSpan.FromSeconds(6), "lease: heartbeat 0.5 s, lease 2 s, check every 1 s");

        // Pushed while the client is nowhere: stored for its client-id.
        for (var i = 4; i <= 8; i++)
        {
            Assert.Equal(1, await webB.PushAsync(uid, "test/n", N(i)));
        }

        var state = await webB.GetClientAsync(uid, clientId);
        Assert.Equal((false, 8L), (state.Connected, state.LastSeq));

        await ResumeOnAsync(webB, uid, clientId, lastSeen, expected: [4, 5, 6, 7, 8]);
    });

    [Fact]
    public Task KillWebNode_PushesWhileLeaseStillValid_FailedDeliveryDisconnectsAndNothingIsLost() => ProcessCluster.RunAsync(output, async cluster =>
    {
        const string uid = "mp-dead-delivery";
        var (webA, webB) = await StartAsync(cluster, LeaseTimings.Long);
        var (clientId, lastSeen) = await ConnectAndReceiveThreeAsync(webA, webB, uid);

        webA.Kill();
        var sinceKill = Stopwatch.StartNew();
        cluster.Log($"killed webA (SIGKILL); client {clientId} had seen seq {lastSeen}; lease 60 s, pushing at once");

        // The user grain still routes to the dead node: these deliveries cannot succeed. Once the
        // gateway has seen the node's connection reset, Orleans fails them at once; a push that
        // races the reset ends at the 5 s delivery timeout. Either way the events stay in the outbox.
        Assert.Equal(1, await webB.PushAsync(uid, "test/n", N(4)));
        Assert.Equal(1, await webB.PushAsync(uid, "test/n", N(5)));
        await WaitDisconnectedAsync(cluster, webB, uid, clientId, sinceKill, TimeSpan.FromSeconds(9), "failed delivery: connection reset, or delivery timeout 5 s");

        Assert.Equal(1, await webB.PushAsync(uid, "test/n", N(6)));
        var state = await webB.GetClientAsync(uid, clientId);
        Assert.Equal((false, 6L), (state.Connected, state.LastSeq));

        await ResumeOnAsync(webB, uid, clientId, lastSeen, expected: [4, 5, 6]);
    });

    [Fact]
    public Task FreezeWebNode_PushesWhileLeaseStillValid_DeliveryTimeoutDisconnectsAndNothingIsLost() => ProcessCluster.RunAsync(output, async cluster =>
    {
        const string uid = "mp-frozen";
        var (webA, webB) = await StartAsync(cluster, LeaseTimings.Long);
        var (clientId, lastSeen) = await ConnectAndReceiveThreeAsync(webA, webB, uid);

        // SIGSTOP: the node's connection to the gateway stays open but nothing answers (a hung
        // process, or a network cut without resets), so only the delivery timeout can tell.
        webA.Freeze();
        var sinceFreeze = Stopwatch.StartNew();
        cluster.Log($"froze webA (SIGSTOP); client {clientId} had seen seq {lastSeen}; lease 60 s, pushing at once");

        Assert.Equal(1, await webB.PushAsync(uid, "test/n", N(4)));
        Assert.Equal(1, await webB.PushAsync(uid, "test/n", N(5)));
        await WaitDisconnectedAsync(cluster, webB, uid, clientId, sinceFreeze, TimeSpan.FromSeconds(9), "frozen node: delivery timeout 5 s");
        Assert.True(sinceFreeze.Elapsed > TimeSpan.FromSeconds(4), "a frozen node cannot refuse a delivery; only the 5 s timeout should end it");

        Assert.Equal(1, await webB.PushAsync(uid, "test/n", N(6)));
        var state = await webB.GetClientAsync(uid, clientId);
        Assert.Equal((false, 6L), (state.Connected, state.LastSeq));

        await ResumeOnAsync(webB, uid, clientId, lastSeen, expected: [4, 5, 6]);
    });

    private static async Task<(SenteProcess A, SenteProcess B)> StartAsync(ProcessCluster cluster, string[] leaseArgs)
    {
        var silo = await cluster.StartSiloAsync("silo");
        var startA = cluster.StartWebAsync("webA", [silo], leaseArgs);
        var startB = cluster.StartWebAsync("webB", [silo], leaseArgs);
        return (await startA, await startB);
    }

    /// <summary>A client on node A receives seqs 1..3, pushed through node B's HTTP API.</summary>
    private static async Task<(string ClientId, long LastSeen)> ConnectAndReceiveThreeAsync(SenteProcess webA, SenteProcess webB, string uid)
    {
        var clientId = HandshakeTests.NewClientId();
        var socket = await RawSenteSocket.ConnectAsync(webA.Chsk(clientId), await webA.LoginAsync(uid));
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(1, await webB.PushAsync(uid, "test/n", N(i)));
        }

        var received = await socket.ReceiveEventsAsync(3);
        Assert.Equal(["1", "2", "3"], received.Events.Select(e => e.Event[1].GetRawText()));
        Assert.True((await webB.GetClientAsync(uid, clientId)).Connected);

        // The socket object is left to the killed process's fate: the client only remembers its last seq.
        _ = socket;
        return (clientId, received.LastSeq);
    }

    private static async Task WaitDisconnectedAsync(
        ProcessCluster cluster, SenteProcess web, string uid, string clientId, Stopwatch sinceKill, TimeSpan bound, string how)
    {
        while ((await web.GetClientAsync(uid, clientId)).Connected)
        {
            Assert.True(sinceKill.Elapsed < bound, $"client still 'connected' {sinceKill.Elapsed.TotalSeconds:0.0} s after its node was killed ({how})");
            await Task.Delay(50);
        }

        var detection = sinceKill.Elapsed;
        cluster.Log(string.Create(CultureInfo.InvariantCulture, $"dead web node detected after {detection.TotalMilliseconds:0} ms ({how})"));
    }

    /// <summary>Reconnects to <paramref name="web"/> with last-seq: exactly the missed events, in order, then live ones.</summary>
    private static async Task ResumeOnAsync(SenteProcess web, string uid, string clientId, long lastSeen, int[] expected)
    {
        await using var socket = await RawSenteSocket.ConnectAsync(web.Chsk(clientId, lastSeq: lastSeen), await web.LoginAsync(uid));
        Assert.True(socket.Handshake.GetMetaBoolean("resumed"));
        Assert.Equal(lastSeen, socket.HandshakeSeq);

        var missed = await socket.ReceiveEventsAsync(expected.Length);
        Assert.Equal(expected.Select(i => (long)i), missed.Events.Select(e => e.Seq));
        Assert.Equal(expected.Select(N), missed.Events.Select(e => e.Event[1].GetRawText()));
        Assert.Null(await socket.TryReceiveTextAsync(TimeSpan.FromMilliseconds(500)));
        Assert.True((await web.GetClientAsync(uid, clientId)).Connected);

        var next = expected[^1] + 1;
        Assert.Equal(1, await web.PushAsync(uid, "test/n", N(next)));
        var live = await socket.ReceiveEventsAsync(1, afterSeq: expected[^1]);
        Assert.Equal(((long)next, N(next)), (live.Events[0].Seq, live.Events[0].Event[1].GetRawText()));
    }

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);
}
