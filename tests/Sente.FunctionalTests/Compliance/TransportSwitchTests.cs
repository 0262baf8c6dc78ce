using System.Globalization;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains;
using Sente.Protocol;

namespace Sente.FunctionalTests.Compliance;

[Trait("Category", "Functional")]
public sealed class TransportSwitchTests(ShortPollServerFixture fixture) : IClassFixture<ShortPollServerFixture>
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

        // Pushes run beside the switches, but each transport is sure to carry some of them: 401+
        // wait until the Ajax connection exists, 701+ until the second WebSocket does. (Unpaced, a
        // fast pusher could finish before the first WebSocket is even read, leaving Ajax nothing.)
        var ajaxConnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ws2Connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ws1 = await new WebSocketTestTransport().ConnectAsync(Server, clientId, cookie);
        var pushing = Task.Run(async () =>
        {
            for (var i = 1; i <= 1000; i++)
            {
                await (i == 401 ? ajaxConnected.Task : i == 701 ? ws2Connected.Task : Task.CompletedTask);
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
        ajaxConnected.SetResult();
        part = await ajax.ReceiveEventsAsync(500 - seen.Count);
        seen.AddRange(part.Events.Select(e => e.Event[1].GetInt32()));
        last = part.LastSeq;
        await ajax.DisposeAsync();

        await using var ws2 = await new WebSocketTestTransport().ConnectAsync(Server, clientId, cookie, last);
        Assert.True(ws2.Handshake.GetMetaBoolean(ProtocolConstants.MetaResumed));
        ws2Connected.SetResult();
        await pushing.DefaultTimeout(TimeSpan.FromSeconds(30));
        part = await ws2.ReceiveEventsAsync(1000 - seen.Count, TimeSpan.FromSeconds(30));
        seen.AddRange(part.Events.Select(e => e.Event[1].GetInt32()));

        Assert.Equal(Enumerable.Range(1, 1000), seen);
        Assert.True(await ws2.ReceivesNothingAsync(TimeSpan.FromMilliseconds(200)));
    }
}
