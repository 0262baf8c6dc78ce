using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains;
using Sente.Grains.Diagnostics;
using Sente.Protocol;
using Sente.Web.Diagnostics;

namespace Sente.FunctionalTests.Diagnostics;

/// <summary>
/// The meters <c>Sente.Web</c> and <c>Sente.Grains</c> count what really happened on the wire and
/// in the grains. Each test gets its own server, and so its own meters: a connection another test
/// closed cannot land in its counts, and the counts are exact.
/// </summary>
[Trait("Category", "Functional")]
public sealed class MetricsTests : IAsyncLifetime
{
    private SenteServer Server { get; set; } = null!;

    public async Task InitializeAsync() =>
        Server = await SenteServer.StartAsync(new Dictionary<string, string?> { ["Sente:LongPollTimeout"] = "00:00:02" });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    private MetricCollector<T> Collect<T>(string meter, string instrument)
        where T : struct =>
        new(Server.Services.GetRequiredService<IMeterFactory>(), meter, instrument);

    [Fact]
    public async Task WebSocket_OpenEventPushClose_CountedWithTransportAndReason()
    {
        using var active = Collect<long>(SenteWebMetrics.MeterName, "sente.connections.active");
        using var handshakes = Collect<long>(SenteWebMetrics.MeterName, "sente.handshakes");
        using var closed = Collect<long>(SenteWebMetrics.MeterName, "sente.connections.closed");
        using var received = Collect<long>(SenteWebMetrics.MeterName, "sente.events.received");
        using var sent = Collect<long>(SenteWebMetrics.MeterName, "sente.events.sent");
        using var batches = Collect<long>(SenteWebMetrics.MeterName, "sente.batches.sent");
        using var queued = Collect<long>(SenteGrainMetrics.MeterName, "sente.user.events.queued");
        using var connects = Collect<long>(SenteGrainMetrics.MeterName, "sente.user.connects");
        const string uid = "metrics-ws";

        var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync(uid));
        Assert.Equal(1, Sum(active, "sente.transport", "ws"));

        await socket.SendEventAsync("demo/echo", "1", "cb1");
        Assert.Equal("cb1", (await socket.ReceiveAsync()).Callback);
        await Server.Cluster.GetGrain<IUserGrain>(uid).SendManyAsync([new SenteEvent("test/n", "1"), new SenteEvent("test/n", "2")]);
        await socket.ReceiveEventsAsync(2);
        await socket.DisposeAsync();
        // sente.connections.closed is recorded last when a connection ends.
        await WaitUntilAsync(() => Sum(closed, "sente.transport", "ws") == 1, "the closed socket is counted");
        Assert.Equal(0, Sum(active, "sente.transport", "ws"));

        Assert.Equal(1, Sum(handshakes, "sente.resumed", "none"));
        Assert.Equal(1, Sum(closed, "sente.reason", "client"));
        Assert.Equal(1, Sum(received, "sente.transport", "ws"));
        Assert.Equal(2, Sum(sent, "sente.transport", "ws"));
        Assert.InRange(Sum(batches, "sente.transport", "ws"), 1, 2);
        Assert.Equal(2, Sum(queued));
        Assert.Equal(1, Sum(connects, "sente.resumed", "none"));
    }

    [Fact]
    public async Task WebSocket_ResumeAfterLostState_CountedAsResumedFalse()
    {
        using var handshakes = Collect<long>(SenteWebMetrics.MeterName, "sente.handshakes");
        using var connects = Collect<long>(SenteGrainMetrics.MeterName, "sente.user.connects");

        // A client that saw seq 50 of a user this server never heard of: the server lost its state.
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId(), lastSeq: 50), await Server.LoginAsync("metrics-resume"));

        // Counted once the handshake is written, which the client can see first.
        await WaitUntilAsync(() => Sum(handshakes, "sente.resumed", "false") == 1, "the handshake is counted");
        Assert.Equal(1, Sum(connects, "sente.resumed", "false"));
    }

    [Fact]
    public async Task AjaxPoll_HeldUntilTimeout_CountedAsPollTimeout()
    {
        using var active = Collect<long>(SenteWebMetrics.MeterName, "sente.connections.active");
        using var closed = Collect<long>(SenteWebMetrics.MeterName, "sente.connections.closed");
        await using var client = new RawAjaxClient(Server, HandshakeTests.NewClientId(), null);
        await client.HandshakeAsync();

        var (status, _) = await client.PollAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        // The poll is counted closed just after its answer is written.
        await WaitUntilAsync(() => Sum(closed, "sente.reason", "poll-timeout") == 1, "the answered poll is counted");
        Assert.Equal(0, Sum(active, "sente.transport", "ajax"));
        Assert.Equal(1, Sum(closed, "sente.transport", "ajax"));
    }

    [Fact]
    public async Task BadRequests_CountedByReason()
    {
        using var rejected = Collect<long>(SenteWebMetrics.MeterName, "sente.requests.rejected");
        using var http = Server.CreateHttpClient();

        using (var noClientId = await http.GetAsync("/chsk"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noClientId.StatusCode);
        }

        // A cookie-authenticated POST without a CSRF token.
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/chsk?client-id={HandshakeTests.NewClientId()}")
        {
            Content = new StringContent("""{"event":["demo/echo",1]}"""),
        };
        post.Headers.Add("Cookie", await Server.LoginAsync("metrics-csrf"));
        using (var csrf = await http.SendAsync(post))
        {
            Assert.Equal(HttpStatusCode.Forbidden, csrf.StatusCode);
        }

        Assert.Equal(1, Sum(rejected, "sente.reason", "bad-client-id"));
        Assert.Equal(1, Sum(rejected, "sente.reason", "csrf"));
    }

    [Fact]
    public async Task InboundEvents_HandledAndUnhandled_CountedWithHandlerDuration()
    {
        using var inbound = Collect<long>(SenteGrainMetrics.MeterName, "sente.inbound.events");
        using var duration = Collect<double>(SenteGrainMetrics.MeterName, "sente.inbound.handler.duration");
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("metrics-inbound"));

        await socket.SendEventAsync("demo/echo", "1", "cb1");
        await socket.SendEventAsync("nobody/handles-this", "2", "cb2");
        Assert.Equal("cb1", (await socket.ReceiveAsync()).Callback);
        Assert.Equal("cb2", (await socket.ReceiveAsync()).Callback);

        // Handled: the test handler of chsk/uidport-open (raised by this first connect, queued in the
        // user's inbox before the echo) and demo/echo. The reply can overtake the handler's return,
        // which is when it is counted.
        await WaitUntilAsync(() => Sum(inbound, "sente.outcome", "handled") == 2, "both handlers are counted");
        Assert.Equal(1, Sum(inbound, "sente.outcome", "unhandled"));
        Assert.Equal(0, Sum(inbound, "sente.outcome", "failed"));
        var measured = duration.GetMeasurementSnapshot();
        Assert.Equal(2, measured.Count);
        Assert.All(measured, m => Assert.InRange(m.Value, 0, 5));
    }

    private static long Sum(MetricCollector<long> collector, string? tag = null, string? value = null) =>
        collector.GetMeasurementSnapshot()
            .Where(m => tag is null || Equals(m.Tags.GetValueOrDefault(tag), value))
            .Sum(m => m.Value);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}
