using System.Diagnostics;
using Sente.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Sente.E2E;

/// <summary>
/// 1,000 seq-numbered pushes to a page whose connection is cut, or whose server is restarted,
/// part-way: the page reconnects by itself and ends with every event exactly once and in order, or
/// (when the restarted server lost its memory) with a visible <c>resumed: false</c> — never silently short.
/// </summary>
[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public sealed class DeliveryTests(Chromium chromium, DemoServer server, ITestOutputHelper output)
{
    private const int Total = 1000;

    /// <summary>How the network is cut.</summary>
    public enum Cut
    {
        /// <summary>Every TCP connection between browser and server is reset, and new ones too, for a while (a TCP proxy in between).</summary>
        TcpReset,

        /// <summary>Chromium's offline emulation (CDP): requests fail; open WebSockets are not affected, so Ajax only.</summary>
        BrowserOffline,
    }

    [Theory]
    [InlineData("WebSocket", Cut.TcpReset)]
    [InlineData("Ajax", Cut.TcpReset)]
    [InlineData("Ajax", Cut.BrowserOffline)]
    public async Task NetworkCutWhilePushing1000_PageReconnectsAndHasAll1000InOrderWithNoGap(string transport, Cut cut)
    {
        var uid = $"cut-{transport.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";
        await using var proxy = new NetworkCutProxy(server.BaseUri);
        await using var page = await DemoPage.OpenSignedInAsync(chromium.Browser, proxy.BaseUri, output, uid, transport);

        await page.StartRecordingAsync();
        using var api = new PushApi(server.BaseUri);
        var clock = Stopwatch.StartNew();
        for (var n = 1; n <= Total; n++)
        {
            if (n == 301)
            {
                await CutAsync(page, proxy, cut, on: true);
                page.Log($"network cut ({cut}, {proxy.LastCutConnections} connections reset) after {n - 1} pushes, {clock.ElapsedMilliseconds} ms");
            }
            else if (n == 701)
            {
                await CutAsync(page, proxy, cut, on: false);
                page.Log($"network back after {n - 1} pushes, {clock.ElapsedMilliseconds} ms");
            }

            // The user's client-ids: the page's, and after Force Ajax also the closed WebSocket one (its outbox is retained).
            Assert.InRange(await api.PushNumberAsync(uid, n), 1, 2);
            if (n % 50 == 0)
            {
                // Spread the pushes over a few seconds, so the cut lands in the middle of a stream.
                await Task.Delay(100);
            }
        }

        page.Log($"pushed {Total} in {clock.ElapsedMilliseconds} ms");
        var recording = await page.WaitForRecordingAsync(r => r.Got.Count >= Total, TimeSpan.FromSeconds(90), $"{Total} events");

        Assert.Equal(Enumerable.Range(1, Total), recording.Got);
        Assert.True(recording.Handshakes >= 1, $"the page never reconnected, so the cut tested nothing: {recording}");
        Assert.Equal(0, recording.Resyncs);
        Assert.Equal(0, await page.SeqGapsAsync());
        Assert.Equal(transport == "Ajax" ? "ajax" : "ws", await page.Page.EvaluateAsync<string>("() => window.chsk.state.type"));
        page.Log($"done: {recording}");
    }

    [Fact]
    public async Task SilentNetworkDeathWhilePushing1000_KeepAlivePingTimesOut_PageReconnectsAndHasAll1000InOrder()
    {
        var uid = $"silent-{Guid.NewGuid().ToString("N")[..6]}";
        await using var proxy = new NetworkCutProxy(server.BaseUri);
        await using var page = await DemoPage.OpenSignedInAsync(chromium.Browser, proxy.BaseUri, output, uid);

        // The page's own channel socket with short keep-alive timings (defaults: ping after 10 s of
        // silence, 5 s for the pong), so a dead network is noticed within the test's patience.
        await page.Page.EvaluateAsync("""
            async () => {
              window.chsk.disconnect();
              const { Sente, fetchCsrfToken } = await import("/sente.js");
              const chsk = Sente.connect("/chsk", {
                type: "ws", csrfToken: () => fetchCsrfToken(), wsKaliveMs: 1000, wsPingTimeoutMs: 1500, connectTimeoutMs: 4000,
              });
              await new Promise((resolve) => chsk.onState((s) => s.open && resolve()));
              window.__closes = [];
              chsk.onState((s, prev) => { if (prev.open && !s.open) window.__closes.push(s.lastClose.reason); });
              window.chsk = chsk;
            }
            """);
        await page.StartRecordingAsync();
        using var api = new PushApi(server.BaseUri);
        for (var n = 1; n <= Total; n++)
        {
            if (n == 301)
            {
                // Nothing flows and nothing closes: only the client's ping can tell. The server keeps
                // writing into the dead socket; those events must come again on the next connection.
                proxy.Blackhole();
                page.Log("network silently dead after 300 pushes");
            }
            else if (n == 501)
            {
                await Task.Delay(TimeSpan.FromSeconds(4)); // past ping + pong timeout
            }
            else if (n == 701)
            {
                proxy.Restore();
                page.Log("network back after 700 pushes");
            }

            // The page's socket, and the demo's own (disconnected, its outbox retained for a while).
            Assert.InRange(await api.PushNumberAsync(uid, n), 1, 2);
            if (n % 50 == 0)
            {
                await Task.Delay(100);
            }
        }

        var recording = await page.WaitForRecordingAsync(r => r.Got.Count >= Total, TimeSpan.FromSeconds(90), $"{Total} events");
        var closes = await page.Page.EvaluateAsync<string[]>("() => window.__closes");
        page.Log($"done: {recording}; closes: {string.Join(", ", closes)}");

        Assert.Equal(Enumerable.Range(1, Total), recording.Got);
        Assert.Contains("ws-ping-timeout", closes);
        Assert.Equal(0, recording.Resyncs);
        Assert.True(await page.Page.EvaluateAsync<bool>("() => window.chsk.state.lastSeqGap === undefined"));
    }

    [Fact]
    public async Task ServerRestartedWhilePushing1000_PageReconnectsByItselfAndSignalsResumedFalse()
    {
        // Its own embedded server (memory state), restarted on the same ports as a process manager would.
        var (httpPort, siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var first = await SenteProcess.StartEmbeddedWebAsync("web-1", httpPort, siloPort, gatewayPort);
        await using var restarted = new ProcessSlot(first);
        var uid = $"restart-{Guid.NewGuid().ToString("N")[..6]}";
        await using var page = await DemoPage.OpenAsync(chromium.Browser, first.BaseUri, output, uid);
        await page.SignInAsync(uid);
        await page.StartRecordingAsync();
        using var api = new PushApi(first.BaseUri);

        const int BeforeKill = 400;
        for (var n = 1; n <= BeforeKill; n++)
        {
            Assert.Equal(1, await api.PushNumberAsync(uid, n));
        }

        // SIGKILL right after the last accepted push: some of it may still be on its way to the page.
        first.Kill();
        var clock = Stopwatch.StartNew();
        var beforeRestart = await page.RecordingAsync();
        page.Log($"killed the server after {BeforeKill} accepted pushes; the page had {beforeRestart}");
        restarted.Process = await SenteProcess.StartEmbeddedWebAsync("web-2", httpPort, siloPort, gatewayPort);
        page.Log($"server restarted in {clock.ElapsedMilliseconds} ms");

        // Nobody touches the page: its own backoff brings it back (the auth and CSRF cookies survive:
        // the data-protection keys are on disk). The new server knows nothing of the client-id.
        var reconnected = await page.WaitForRecordingAsync(r => r.Resyncs >= 1, TimeSpan.FromSeconds(60), "a reconnect answered resumed: false");
        page.Log($"reconnected {clock.ElapsedMilliseconds} ms after the kill: {reconnected}");
        await page.ExpectConnectedAsync("WebSocket");
        Assert.False(await page.Page.EvaluateAsync<bool>("() => window.chsk.state.resumed"));
        await Microsoft.Playwright.Assertions.Expect(page.Page.Locator("#messages")).ToContainTextAsync("resumed: false");

        for (var n = BeforeKill + 1; n <= Total; n++)
        {
            Assert.Equal(1, await api.PushNumberAsync(uid, n));
        }

        var recording = await page.WaitForRecordingAsync(r => r.Got.Count > 0 && r.Got[^1] == Total, TimeSpan.FromSeconds(30), $"event {Total}");
        page.Log($"done: {recording}");

        // Never silently short: what arrived is in order without duplicates; whatever is missing went
        // with the killed process, and the page was told (resumed: false) and shows no seq gap.
        Assert.Equal(recording.Got.Order(), recording.Got);
        Assert.Equal(recording.Got.Count, recording.Got.Distinct().Count());
        Assert.Equal(Enumerable.Range(BeforeKill + 1, Total - BeforeKill), recording.Got.Where(n => n > BeforeKill));
        Assert.Equal(1, recording.Resyncs);
        Assert.Equal(0, await page.SeqGapsAsync());
    }

    /// <summary>Holds whichever process currently serves the test, and kills it at the end.</summary>
    private sealed class ProcessSlot(SenteProcess process) : IAsyncDisposable
    {
        public SenteProcess Process { get; set; } = process;

        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }

    private static async Task CutAsync(DemoPage page, NetworkCutProxy proxy, Cut cut, bool on)
    {
        switch (cut, on)
        {
            case (Cut.TcpReset, true):
                proxy.Cut();
                break;
            case (Cut.TcpReset, false):
                proxy.Restore();
                break;
            default:
                await page.Context.SetOfflineAsync(on);
                break;
        }
    }
}
