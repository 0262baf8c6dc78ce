using System.Globalization;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains;
using Sente.Protocol;

namespace Sente.FunctionalTests.Compliance;

[Trait("Category", "Functional")]
public sealed class TransportSwitchTests(ShortPollServerFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ShortPollServerFixture>
{
    private SenteServer Server => fixture.Server;

    [Fact]
    public async Task Switch_WebSocketToAjaxToWebSocket_While1000Pushed_ExactlyAllInOrder()
    {
        const string uid = "switcher";
        var cookie = await Server.LoginAsync(uid);
        var clientId = HandshakeTests.NewClientId();
        var user = Server.Cluster.GetGrain<IUserGrain>(uid);
        var seen = new List<int>();

        var ws1 = await new WebSocketTestTransport().ConnectAsync(Server, clientId, cookie);
        var pushing = Task.Run(async () =>
        {
            for (var i = 1; i <= 1000; i++)
            {
                await user.SendAsync(new SenteEvent("test/n", i.ToString(CultureInfo.InvariantCulture)));
            }
        });

        var part = await ws1.ReceiveEventsAsync(200);
        seen.AddRange(part.Events.Select(e => e.Event[1].GetInt32()));
        var last = part.LastSeq;
        ws1.Abort();
        await ws1.DisposeAsync();

        var ajax = await new AjaxTestTransport().ConnectAsync(Server, clientId, cookie, last);
        Assert.True(ajax.Handshake.GetMetaBoolean(ProtocolConstants.MetaResumed));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var got = 0;
        while (got < 300)
        {
            var t0 = clock.ElapsedMilliseconds;
            var before = last;
            try
            {
                var one = await ajax.ReceiveEventsAsync(1, TimeSpan.FromSeconds(8));
                seen.AddRange(one.Events.Select(e => e.Event[1].GetInt32()));
                got += one.Events.Count;
                last = one.LastSeq;
                output.WriteLine($"+{t0} ms poll ack={before}: {one.Events.Count} events up to {one.LastSeq} in {clock.ElapsedMilliseconds - t0} ms");
            }
            catch (Exception ex)
            {
                var clients = await user.GetClientsAsync();
                output.WriteLine($"+{t0} ms poll ack={before} FAILED after {clock.ElapsedMilliseconds - t0} ms: {ex.GetType().Name}; pushing done={pushing.IsCompleted}; grain: {string.Join("; ", clients.Clients.Select(c => c.ToString()))}");
                throw;
            }
        }


        await ajax.DisposeAsync();

        await using var ws2 = await new WebSocketTestTransport().ConnectAsync(Server, clientId, cookie, last);
        Assert.True(ws2.Handshake.GetMetaBoolean(ProtocolConstants.MetaResumed));
        await pushing.DefaultTimeout(TimeSpan.FromSeconds(30));
        part = await ws2.ReceiveEventsAsync(1000 - seen.Count, TimeSpan.FromSeconds(30));
        seen.AddRange(part.Events.Select(e => e.Event[1].GetInt32()));

        Assert.Equal(Enumerable.Range(1, 1000), seen);
        Assert.True(await ws2.ReceivesNothingAsync(TimeSpan.FromMilliseconds(200)));
    }
}
