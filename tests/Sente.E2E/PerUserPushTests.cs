using Sente.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Sente.E2E;

/// <summary>A push to a user reaches every tab (client-id) that user has open, each with its own seqs.</summary>
[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public sealed class PerUserPushTests(Chromium chromium, DemoServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task UserWithTwoTabs_OnWebSocketAndAjax_EveryPushReachesBothInOrder()
    {
        var uid = $"tabs-{Guid.NewGuid().ToString("N")[..6]}";
        await using var first = await DemoPage.OpenSignedInAsync(chromium.Browser, server.BaseUri, output, uid);
        await using var second = await first.OpenTabAsync(uid + "#2");
        await Expect(second.Page.Locator("#app")).ToBeVisibleAsync(); // already signed in: same cookie
        await second.ExpectConnectedAsync("WebSocket");
        await second.ForceAjaxAsync();
        await second.ExpectConnectedAsync("Ajax");
        await first.StartRecordingAsync();
        await second.StartRecordingAsync();
        await first.ExpectUserListedAsync(uid, "ws + ajax");

        using var api = new PushApi(server.BaseUri);
        for (var n = 1; n <= 100; n++)
        {
            // Both tabs, plus the second tab's retained WebSocket client-id from before Force Ajax.
            Assert.InRange(await api.PushNumberAsync(uid, n), 2, 3);
        }

        var atFirst = await first.WaitForRecordingAsync(r => r.Got.Count >= 100, TimeSpan.FromSeconds(30), "100 events in the first tab");
        var atSecond = await second.WaitForRecordingAsync(r => r.Got.Count >= 100, TimeSpan.FromSeconds(30), "100 events in the second tab");
        Assert.Equal(Enumerable.Range(1, 100), atFirst.Got);
        Assert.Equal(Enumerable.Range(1, 100), atSecond.Got);
        Assert.Equal(0, await first.SeqGapsAsync());
        Assert.Equal(0, await second.SeqGapsAsync());
    }
}
