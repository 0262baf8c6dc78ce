using System.Globalization;
using Sente.FunctionalTests.Infrastructure;
using Sente.Grains;
using Sente.Protocol;

namespace Sente.FunctionalTests.WebSockets;

[Trait("Category", "Functional")]
public sealed class ResumeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SenteServer Server => fixture.Server;

    [Fact]
    public async Task DroppedWhile1000EventsPushed_ResumeWithLastSeq_ExactlyAllInOrder()
    {
        var cookie = await Server.LoginAsync("resumer");
        var clientId = HandshakeTests.NewClientId();
        var user = Server.Cluster.GetGrain<IUserGrain>("resumer");
        var first = await RawSenteSocket.ConnectAsync(Server.Chsk(clientId), cookie);

        var pushing = Task.Run(async () =>
        {
            for (var i = 1; i <= 1000; i++)
            {
                await user.SendAsync(new SenteEvent("test/n", i.ToString(CultureInfo.InvariantCulture)));
            }
        });

        var seen = new List<int>();
        var beforeDrop = await first.ReceiveEventsAsync(100);
        seen.AddRange(beforeDrop.Events.Select(e => e.Event[1].GetInt32()));
        first.Abort();
        await first.DisposeAsync();

        await using var second = await RawSenteSocket.ConnectAsync(Server.Chsk(clientId, lastSeq: beforeDrop.LastSeq), cookie);
        Assert.True(second.Handshake.GetMetaBoolean("resumed"));
        Assert.Equal(beforeDrop.LastSeq, second.HandshakeSeq);

        await pushing.DefaultTimeout();
        var afterResume = await second.ReceiveEventsAsync(1000 - seen.Count);
        seen.AddRange(afterResume.Events.Select(e => e.Event[1].GetInt32()));

        Assert.Equal(Enumerable.Range(1, 1000), seen);
        Assert.Null(await second.TryReceiveTextAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task ReconnectWithoutLastSeq_ContinuesAfterLastAck()
    {
        var cookie = await Server.LoginAsync("no-last-seq");
        var clientId = HandshakeTests.NewClientId();
        var user = Server.Cluster.GetGrain<IUserGrain>("no-last-seq");
        await using (var first = await RawSenteSocket.ConnectAsync(Server.Chsk(clientId), cookie))
        {
            await user.SendManyAsync([new SenteEvent("test/n", "1"), new SenteEvent("test/n", "2"), new SenteEvent("test/n", "3")]);
            await first.ReceiveEventsAsync(3);
            await first.SendAsync(EnvelopeWriter.Ack(2));
            await PushTests.Eventually(async () => (await user.GetClientsAsync()).Clients.Single(c => c.ClientId == clientId).AckedSeq == 2);
        }

        await using var second = await RawSenteSocket.ConnectAsync(Server.Chsk(clientId), cookie);
        Assert.Equal(2, second.HandshakeSeq);
        Assert.Null(second.Handshake.GetMetaBoolean("resumed"));
        var replay = await second.ReceiveEventsAsync(1);
        Assert.Equal((3L, "3"), (replay.Events[0].Seq, replay.Events[0].Event[1].GetRawText()));
    }
}
