using System.Globalization;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Xunit.Abstractions;

namespace Sente.FunctionalTests.MultiProcess;

/// <summary>Two silo processes (the second joins the first) and two web nodes, each a client of both gateways.</summary>
[Trait("Category", "Functional")]
[Collection(MultiProcessCollection.Name)]
public sealed class TwoSilosTwoWebNodesTests(ITestOutputHelper output)
{
    private const int Users = 20;

    [Fact]
    public Task PushThroughOtherWebNode_UsersOnBothNodes_EachArrivesOnce() => ProcessCluster.RunAsync(output, async cluster =>
    {
        var silo1 = await cluster.StartSiloAsync("silo1");
        var silo2 = await cluster.StartSiloAsync("silo2", primary: silo1);
        var startA = cluster.StartWebAsync("webA", [silo1, silo2]);
        var startB = cluster.StartWebAsync("webB", [silo1, silo2]);
        var grains = await cluster.ConnectClientAsync([silo1, silo2]);
        var (webA, webB) = (await startA, await startB);
        var management = grains.GetGrain<IManagementGrain>(0);
        Assert.Equal(2, (await management.GetHosts(onlyActive: true)).Count);

        // Users alternately on A and B, each pushed through the other node's HTTP API.
        var sockets = new List<RawSenteSocket>();
        try
        {
            for (var i = 0; i < Users; i++)
            {
                var node = i % 2 == 0 ? webA : webB;
                sockets.Add(await RawSenteSocket.ConnectAsync(node.Chsk(HandshakeTests.NewClientId()), await node.LoginAsync(Uid(i))));
            }

            await Task.WhenAll(Enumerable.Range(0, Users).Select(async i =>
                Assert.Equal(1, await (i % 2 == 0 ? webB : webA).PushAsync(Uid(i), "test/n", N(i)))));

            for (var i = 0; i < Users; i++)
            {
                var received = await sockets[i].ReceiveEventsAsync(1);
                Assert.Equal((1L, N(i)), (received.Events[0].Seq, received.Events[0].Event[1].GetRawText()));
            }

            // Request/reply from a socket on each node: the handler runs in some silo, the reply finds its node.
            await sockets[0].SendEventAsync("demo/echo", "\"on A\"", "ra");
            await sockets[1].SendEventAsync("demo/echo", "\"on B\"", "rb");
            var replyA = await sockets[0].ReceiveAsync();
            var replyB = await sockets[1].ReceiveAsync();
            Assert.Equal(("ra", "\"on A\""), (replyA.Callback, replyA.Payload.GetRawText()));
            Assert.Equal(("rb", "\"on B\""), (replyB.Callback, replyB.Payload.GetRawText()));

            // Nothing was delivered twice.
            foreach (var socket in sockets)
            {
                Assert.Null(await socket.TryReceiveTextAsync(TimeSpan.FromMilliseconds(20)));
            }

            // Where each user grain lives (grain ids look like "user/mp-spread-7").
            var perSilo = (await management.GetDetailedGrainStatistics())
                .Where(s => s.GrainId.ToString().StartsWith("user/mp-spread-", StringComparison.Ordinal))
                .GroupBy(s => s.SiloAddress)
                .ToDictionary(g => g.Key, g => g.Count());
            cluster.Log("user grains per silo: " + string.Join(", ", perSilo.Select(kv => $"{kv.Key} = {kv.Value}")));
            // Placement is Orleans' choice (resource-optimised by default), so the spread is logged,
            // not asserted: asserting "both silos" failed once under CPU contention.
            Assert.Equal(Users, perSilo.Values.Sum());
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    });

    private static string Uid(int i) => "mp-spread-" + N(i);

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);
}
