using System.Text.Json;
using Sente.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Sente.E2E;

/// <summary>
/// A page whose network comes back while its reconnect waits out a long backoff reconnects at
/// once (the browser's <c>online</c> event), instead of after the rest of the wait.
/// </summary>
[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(Chromium chromium, DemoServer server, ITestOutputHelper output)
{
    /// <summary>The least remaining backoff at which the network is brought back.</summary>
    private const int MinRemainingBackoffMs = 8_000;

    [Fact]
    public async Task BrowserBackOnline_DuringALongBackoff_ReconnectsAtOnce()
    {
        var uid = $"online-{Guid.NewGuid().ToString("N")[..6]}";
        // Ajax: Chromium's offline emulation fails requests, but leaves an open WebSocket alone.
        await using var page = await DemoPage.OpenSignedInAsync(chromium.Browser, server.BaseUri, output, uid, "Ajax");

        await page.Context.SetOfflineAsync(true);
        // Offline, every attempt fails at once and the backoff grows: 0, 2-4 s, 4-8 s, 8-16 s, ...
        await page.Page.WaitForFunctionAsync(
            $"() => !window.chsk.state.open && (window.chsk.state.udtNextReconnect ?? 0) - Date.now() > {MinRemainingBackoffMs}",
            null,
            new() { Timeout = 60_000, PollingInterval = 100 });
        var remainingMs = await page.Page.EvaluateAsync<double>("() => { window.__backOnlineAt = Date.now(); return window.chsk.state.udtNextReconnect - window.__backOnlineAt; }");

        await page.Context.SetOfflineAsync(false);
        await page.ExpectConnectedAsync("Ajax");
        var tookMs = await page.Page.EvaluateAsync<double>("() => Date.now() - window.__backOnlineAt");
        var state = await page.Page.EvaluateAsync<JsonElement>("() => window.chsk.state");
        page.Log($"back online with {remainingMs:0} ms of backoff left: open again after {tookMs:0} ms; state {state}");

        // Reconnected well before the backoff timer would have fired: the online event did it.
        Assert.True(tookMs < remainingMs - 2_000, $"open again after {tookMs:0} ms, the backoff had {remainingMs:0} ms left");
        Assert.True(state.GetProperty("resumed").GetBoolean(), $"the reconnect resumed the client-id: {state}");
        Assert.Equal(0, await page.SeqGapsAsync());
    }
}
