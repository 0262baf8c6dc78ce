using System.Text.Json;
using Sente.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Sente.E2E;

/// <summary><c>chsk.request</c> from a page: replies arrive; a request cut off by a dropped connection fails at once.</summary>
[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public sealed class RequestTests(Chromium chromium, DemoServer server, ITestOutputHelper output)
{
    /// <summary>How long a cut-off request may take to fail: far below its 20 s timeout and the handler's 8 s delay, with slack for CI.</summary>
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData("WebSocket")]
    [InlineData("Ajax")]
    public async Task Request_GetsItsReply(string transport)
    {
        await using var page = await SignedInPageAsync(server.BaseUri, transport);

        var reply = await page.Page.EvaluateAsync<string>("""async () => JSON.stringify(await window.chsk.request(["demo/echo", {"x": [1, "two", null]}], 5000))""");
        Assert.Equal("""{"x":[1,"two",null]}""", reply);

        var delayed = await page.Page.EvaluateAsync<string>("""() => window.chsk.request(["demo/delay", {"ms": 200, "data": "later"}], 5000)""");
        Assert.Equal("later", delayed);
    }

    [Fact]
    public async Task Request_NoReplyWithinTimeout_RejectsWithChskTimeout()
    {
        await using var page = await SignedInPageAsync(server.BaseUri, "WebSocket");

        var reason = await page.Page.EvaluateAsync<string>("""
            () => window.chsk.request(["demo/delay", {"ms": 3000, "data": 1}], 500).then(() => "replied", (e) => e.reason)
            """);

        Assert.Equal("chsk/timeout", reason);
    }

    [Theory]
    [InlineData("WebSocket", "break")]
    [InlineData("WebSocket", "tcp-reset")]
    [InlineData("Ajax", "break")]
    [InlineData("Ajax", "tcp-reset")]
    public async Task RequestInFlight_ConnectionDrops_FailsWithChskClosedPromptlyAndTheNextRequestWorks(string transport, string drop)
    {
        await using var proxy = new NetworkCutProxy(server.BaseUri);
        await using var page = await SignedInPageAsync(proxy.BaseUri, transport);

        // The handler answers after 8 s; the request would time out after 20 s.
        await page.Page.EvaluateAsync("""
            () => {
              window.__req = window.chsk.request(["demo/delay", {"ms": 8000, "data": "too late"}], 20000)
                .then((r) => ({ reason: "replied: " + r, at: performance.now() }), (e) => ({ reason: e.reason, at: performance.now() }));
            }
            """);
        await Task.Delay(300); // in flight: sent and being handled

        var droppedAt = await page.Page.EvaluateAsync<double>("() => performance.now()");
        if (drop == "break")
        {
            await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Break connection" }).ClickAsync();
        }
        else
        {
            proxy.Cut();
        }

        var outcome = await page.Page.EvaluateAsync<JsonElement>("() => window.__req");
        var elapsed = TimeSpan.FromMilliseconds(outcome.GetProperty("at").GetDouble() - droppedAt);
        page.Log($"{drop}: request settled with {outcome.GetProperty("reason")} {elapsed.TotalMilliseconds:0} ms after the drop");
        Assert.Equal("chsk/closed", outcome.GetProperty("reason").GetString());
        Assert.True(elapsed < Promptly, $"failed after {elapsed.TotalMilliseconds:0} ms");

        proxy.Restore();
        await page.ExpectConnectedAsync(transport);
        // The user's events are handled one at a time: this one waits behind the 8 s handler.
        Assert.Equal(7, await page.Page.EvaluateAsync<int>("""() => window.chsk.request(["demo/echo", 7], 30000)"""));
    }

    private Task<DemoPage> SignedInPageAsync(Uri baseUri, string transport) =>
        DemoPage.OpenSignedInAsync(chromium.Browser, baseUri, output, $"req-{transport.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}", transport);
}
