using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sente.FunctionalTests.Infrastructure;
using Sente.Grains;

namespace Sente.FunctionalTests.WebSockets;

[Trait("Category", "Functional")]
public sealed class PresenceTests(ShortGraceServerFixture fixture) : IClassFixture<ShortGraceServerFixture>
{
    private SenteServer Server => fixture.Server;

    private EventRecorder Recorder => Server.Services.GetRequiredService<EventRecorder>();

    private static int Count(IReadOnlyList<(string EventId, string? Data)> events, string id) => events.Count(e => e.EventId == id);

    [Fact]
    public async Task TwoTabs_OneUidPortOpen_ThenOneCloseAfterGrace()
    {
        var cookie = await Server.LoginAsync("pres-tabs");
        var tab1 = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);
        var tab2 = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);
        await Recorder.WaitForAsync("pres-tabs", e => Count(e, "chsk/uidport-open") == 1);
        Assert.True(await Server.Cluster.GetGrain<IUserGrain>("pres-tabs").GetPresenceAsync() is { WebSocket: true, Ajax: false });

        await tab1.DisposeAsync();
        await tab2.DisposeAsync();
        await Recorder.WaitForAsync("pres-tabs", e => Count(e, "chsk/uidport-close") == 1);

        var events = Recorder.For("pres-tabs");
        Assert.Equal(["chsk/uidport-open", "chsk/uidport-close"], events.Select(e => e.EventId));
        Assert.Equal("\"pres-tabs\"", events[0].Data);
        Assert.False((await Server.Cluster.GetGrain<IUserGrain>("pres-tabs").GetPresenceAsync()).Any);
    }

    [Fact]
    public async Task ReloadWithinGrace_RaisesNeitherCloseNorSecondOpen()
    {
        var cookie = await Server.LoginAsync("pres-reload");
        var clientId = HandshakeTests.NewClientId();
        await using (await RawSenteSocket.ConnectAsync(Server.Chsk(clientId), cookie))
        {
            await Recorder.WaitForAsync("pres-reload", e => Count(e, "chsk/uidport-open") == 1);
        }

        await using var reloaded = await RawSenteSocket.ConnectAsync(Server.Chsk(clientId), cookie);

        // Wait past the grace, then prove the user is still connected and nothing else was raised.
        using var http = Server.CreateHttpClient();
        await Task.Delay(ShortGraceServerFixture.Grace * 2);
        var users = await http.GetFromJsonAsync<JsonElement>("/api/connected-users");
        Assert.Contains("pres-reload", users.GetProperty("any").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(["chsk/uidport-open"], Recorder.For("pres-reload").Select(e => e.EventId));
    }

    [Fact]
    public async Task AjaxClient_PollingCountsAsConnected_StopsAfterGraceWithOneClose()
    {
        var cookie = await Server.LoginAsync("pres-ajax");
        var client = new RawAjaxClient(Server, HandshakeTests.NewClientId(), cookie);
        await client.HandshakeAsync();
        using var http = Server.CreateHttpClient();

        // Several poll cycles (each poll is answered by an event, then the client polls again).
        for (var i = 1; i <= 3; i++)
        {
            var poll = client.PollAsync();
            await Server.Cluster.GetGrain<IUserGrain>("pres-ajax").SendAsync(new Sente.Protocol.SenteEvent("test/n", "1"));
            var (_, envelope) = await poll.DefaultTimeout();
            Assert.NotNull(envelope);
        }

        var users = await http.GetFromJsonAsync<JsonElement>("/api/connected-users");
        Assert.Contains("pres-ajax", users.GetProperty("ajax").EnumerateArray().Select(u => u.GetString()));
        Assert.DoesNotContain("pres-ajax", users.GetProperty("ws").EnumerateArray().Select(u => u.GetString()));

        // The client stops polling: after the Ajax grace the uid leaves, exactly once.
        await client.DisposeAsync();
        await Recorder.WaitForAsync("pres-ajax", e => Count(e, "chsk/uidport-close") == 1);
        Assert.Equal(["chsk/uidport-open", "chsk/uidport-close"], Recorder.For("pres-ajax").Select(e => e.EventId));
    }

    [Fact]
    public async Task ClientSentUidPortOpen_ReachesHandlersOnlyAsBadEvent()
    {
        var cookie = await Server.LoginAsync("pres-forger");
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);
        await Recorder.WaitForAsync("pres-forger", e => Count(e, "chsk/uidport-open") == 1);

        await socket.SendAsync("""[["chsk/uidport-open","someone-else"],null]""");
        await socket.SendAsync("""[["chsk/uidport-close","pres-forger"],null]""");
        await Recorder.WaitForAsync("pres-forger", e => Count(e, "chsk/bad-event") == 2);

        var events = Recorder.For("pres-forger");
        Assert.Equal(1, Count(events, "chsk/uidport-open"));
        Assert.Equal(0, Count(events, "chsk/uidport-close"));
        Assert.Equal("""["chsk/uidport-open","someone-else"]""", events.First(e => e.EventId == "chsk/bad-event").Data);
    }
}
