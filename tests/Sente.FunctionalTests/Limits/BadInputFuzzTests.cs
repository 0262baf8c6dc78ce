using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Sente.Client;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains;
using Sente.Protocol;
using Xunit.Abstractions;

namespace Sente.FunctionalTests.Limits;

/// <summary>
/// At least 10,000 random and malformed WebSocket frames and POST bodies from several connections,
/// while a well-behaved client receives a seq-numbered stream: the server stays up, the
/// well-behaved client loses nothing, and every bad message gets its documented answer.
/// </summary>
[Trait("Category", "Functional")]
public sealed class BadInputFuzzTests(FuzzServerFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzServerFixture>
{
    private const int WebSocketWorkers = 3;
    private const int MessagesPerWorker = 2600;
    private const int PostMessages = 2600;
    private SenteServer Server => fixture.Server;

    [Fact]
    public async Task TenThousandBadMessages_SeveralConnections_ServerUpAndWellBehavedClientLosesNothing()
    {
        const string goodUser = "fuzz-good";
        var received = new ConcurrentQueue<(long Seq, int N)>();
        var options = await Server.ClientOptionsAsync(goodUser);
        await using var good = new SenteClient(options);
        good.On("test/n", e =>
        {
            received.Enqueue((e.Seq, int.Parse(e.Event.DataJson!, CultureInfo.InvariantCulture)));
            return ValueTask.CompletedTask;
        });
        await good.ConnectAsync().DefaultTimeout();

        using var fuzzDone = new CancellationTokenSource();
        var pushed = 0;
        var pusher = Task.Run(async () =>
        {
            var user = Server.Cluster.GetGrain<IUserGrain>(goodUser);
            while (!fuzzDone.IsCancellationRequested || pushed < 2000)
            {
                await user.SendAsync(new SenteEvent("test/n", (pushed + 1).ToString(CultureInfo.InvariantCulture)));
                pushed++;
                if (pushed % 20 == 0)
                {
                    await Task.Delay(5);
                }
            }
        });

        var stats = new ConcurrentDictionary<string, int>();
        var workers = Enumerable.Range(0, WebSocketWorkers).Select(i => Task.Run(() => WebSocketWorkerAsync(seed: 100 + i, stats)))
            .Append(Task.Run(() => PostWorkerAsync(seed: 999, stats)))
            .ToArray();
        await Task.WhenAll(workers).DefaultTimeout(TimeSpan.FromMinutes(4));
        await fuzzDone.CancelAsync();
        await pusher.DefaultTimeout(TimeSpan.FromMinutes(1));

        await PushTests.Eventually(() => Task.FromResult(received.Count >= pushed));
        Assert.Equal(Enumerable.Range(1, pushed), received.Select(r => r.N));
        Assert.Equal(Enumerable.Range(1, pushed).Select(i => (long)i), received.Select(r => r.Seq));
        Assert.True(good.IsOpen);
        Assert.Null(good.State.LastError);

        // The server still answers a new client.
        await using var fresh = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));
        await fresh.SendEventAsync("demo/echo", "7", "after");
        Assert.Equal(7, (await fresh.ReceiveAsync()).Payload.GetInt32());

        var total = stats.Values.Sum();
        output.WriteLine($"pushed {pushed}; bad messages: {string.Join(", ", stats.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}"))}; total {total}");
        Assert.True(total >= 10_000, $"only {total} bad messages sent");
    }

    /// <summary>
    /// Sends bad frames over a series of connections. Within one connection the answers are checked
    /// in order: a bad event with a callback → <c>chsk/error</c> for it; malformed → nothing, and the
    /// connection stays usable (checked with an echo) until more than the limit closes it with 1008;
    /// an oversize frame → 1009.
    /// </summary>
    private async Task WebSocketWorkerAsync(int seed, ConcurrentDictionary<string, int> stats)
    {
        var generator = new BadInputGenerator(seed);
        var random = new Random(seed);
        var sent = 0;
        var connection = 0;
        while (sent < MessagesPerWorker)
        {
            connection++;
            var floodToClose = connection % 4 == 0;
            var budget = floodToClose ? FuzzServerFixture.MaxMalformed + 1 : random.Next(20, 150);
            await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk($"fuzz-{seed}-{connection}"));
            var malformed = 0;
            var closedBy = (WebSocketCloseStatus?)null;
            for (var i = 0; i < budget * 2 && malformed < budget && sent < MessagesPerWorker; i++)
            {
                var (kind, bytes, cb) = generator.Next(64 * 1024, allowOversize: !floodToClose);
                // RFC 6455: a text frame must be UTF-8, and the WebSocket stack itself fails one that is not
                // (1007; see InvalidUtf8InTextFrame_ClosedWith1007). Invalid UTF-8 goes in binary frames,
                // where it is the protocol's to judge: malformed, dropped.
                var type = random.Next(4) == 0 || !IsUtf8(bytes) ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
                await socket.SendAsync(bytes, type);
                sent++;
                stats.AddOrUpdate($"ws-{kind}", 1, (_, n) => n + 1);
                if (kind == BadInputKind.Oversize)
                {
                    closedBy = await socket.Closed.DefaultTimeout();
                    Assert.Equal((WebSocketCloseStatus)ProtocolConstants.CloseMessageTooBig, closedBy);
                    break;
                }

                if (kind == BadInputKind.BadEventWithCallback)
                {
                    var reply = await socket.ReceiveAsync();
                    Assert.Equal(cb, reply.Callback);
                    Assert.Equal(CallbackReplies.Error, reply.Payload.GetString());
                }
                else
                {
                    malformed++;
                }
            }

            if (closedBy is not null)
            {
                continue;
            }

            if (floodToClose && malformed > FuzzServerFixture.MaxMalformed)
            {
                Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.Closed.DefaultTimeout());
                continue;
            }

            await socket.SendEventAsync("demo/echo", "\"alive\"", "alive");
            var echo = await socket.ReceiveAsync();
            Assert.Equal("alive", echo.Callback);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Bad POST bodies: malformed → 400, oversize → 413, bad event with a callback → <c>["chsk/error", null]</c>.</summary>
    private async Task PostWorkerAsync(int seed, ConcurrentDictionary<string, int> stats)
    {
        var generator = new BadInputGenerator(seed);
        await using var client = new RawAjaxClient(Server, $"fuzz-post-{seed}", null);
        await client.HandshakeAsync();
        using var http = Server.CreateHttpClient();
        for (var i = 0; i < PostMessages; i++)
        {
            var (kind, bytes, _) = generator.Next(64 * 1024, allowOversize: true);
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync(client.Path(), content);
            var body = await response.Content.ReadAsStringAsync();
            stats.AddOrUpdate($"post-{kind}", 1, (_, n) => n + 1);
            switch (kind)
            {
                case BadInputKind.Malformed:
                    Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                    Assert.Equal("Malformed message", body);
                    break;
                case BadInputKind.Oversize:
                    Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
                    break;
                case BadInputKind.BadEventWithCallback:
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal("""["chsk/error",null]""", body);
                    break;
            }
        }
    }
}
