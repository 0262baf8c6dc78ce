using Sente.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Sente.E2E;

/// <summary>Two people chat on the demo page, each in a browser context of their own.</summary>
[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public sealed class ChatTests(Chromium chromium, DemoServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task TwoUsers_OverWebSocket_SeeEachOthersMessagesAndEachOtherOnline()
    {
        var (alice, bob) = (Unique("alice"), Unique("bob"));
        await using var alicePage = await DemoPage.OpenAsync(chromium.Browser, server.BaseUri, output, alice);
        await using var bobPage = await DemoPage.OpenAsync(chromium.Browser, server.BaseUri, output, bob);
        await alicePage.SignInAsync(alice);
        await bobPage.SignInAsync(bob);

        await DemoPage.ChatAsync((alicePage, alice), (bobPage, bob), "hi bob, over a WebSocket", "hi alice");

        await alicePage.ExpectUserListedAsync(bob, "ws");
        await bobPage.ExpectUserListedAsync(alice, "ws");
        Assert.Equal(0, await alicePage.SeqGapsAsync());
        Assert.Equal(0, await bobPage.SeqGapsAsync());

        // For people: the demo after a chat (artifacts/test-results/e2e/demo-chat.png).
        await alicePage.ScreenshotAsync("demo-chat");

        // Responsive: on a phone-sized screen the connection panel goes below the chat.
        await alicePage.Page.SetViewportSizeAsync(390, 844);
        var chat = await alicePage.Page.Locator("section.chat").BoundingBoxAsync();
        var side = await alicePage.Page.Locator("aside.side").BoundingBoxAsync();
        Assert.True(side!.Y >= chat!.Y + chat.Height, $"panel at y={side.Y}, chat ends at y={chat.Y + chat.Height}");
        Assert.True(chat.Width <= 390, $"chat is {chat.Width} px wide on a 390 px screen");
        await alicePage.ScreenshotAsync("demo-chat-phone");
    }

    [Fact]
    public async Task TwoUsers_ForcedAjax_SeeEachOthersMessagesAndAjaxInTheUserList()
    {
        var (carol, dave) = (Unique("carol"), Unique("dave"));
        await using var carolPage = await DemoPage.OpenAsync(chromium.Browser, server.BaseUri, output, carol);
        await using var davePage = await DemoPage.OpenAsync(chromium.Browser, server.BaseUri, output, dave);
        await carolPage.SignInAsync(carol);
        await davePage.SignInAsync(dave);

        await carolPage.ForceAjaxAsync();
        await davePage.ForceAjaxAsync();
        await carolPage.ExpectConnectedAsync("Ajax");
        await davePage.ExpectConnectedAsync("Ajax");

        await DemoPage.ChatAsync((carolPage, carol), (davePage, dave), "long-polling works", "so do POSTs");

        // The WebSocket client-ids closed; only the Ajax ones remain.
        await carolPage.ExpectUserListedAsync(dave, "ajax");
        await davePage.ExpectUserListedAsync(carol, "ajax");
        Assert.Equal(0, await carolPage.SeqGapsAsync());
        Assert.Equal(0, await davePage.SeqGapsAsync());
        await carolPage.ScreenshotAsync("demo-chat-ajax");
    }

    [Fact]
    public async Task TwoUsers_ServerRefusesWebSockets_AutoFallsBackToAjaxAndTheyChat()
    {
        // A server whose WebSocket upgrades are refused (as behind a proxy that breaks them).
        await using var noWebSockets = await DemoServer.StartAsync("no-ws", "--Sente:WebSockets:Enabled=false");
        var (erin, frank) = (Unique("erin"), Unique("frank"));
        await using var erinPage = await DemoPage.OpenAsync(chromium.Browser, noWebSockets.BaseUri, output, erin);
        await using var frankPage = await DemoPage.OpenAsync(chromium.Browser, noWebSockets.BaseUri, output, frank);

        await erinPage.SignInAsync(erin, transport: "Ajax");
        await frankPage.SignInAsync(frank, transport: "Ajax");

        await DemoPage.ChatAsync((erinPage, erin), (frankPage, frank), "no WebSocket, no problem", "indeed");
        await erinPage.ExpectUserListedAsync(frank, "ajax");

        // The WebSocket failure is in the state (Sente's :last-ws-error), for apps to see.
        Assert.True(await erinPage.Page.EvaluateAsync<bool>("() => window.chsk.state.type === 'ajax' && window.chsk.state.lastWsError !== undefined"));
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
}
