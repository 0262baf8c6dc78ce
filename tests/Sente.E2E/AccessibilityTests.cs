using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Sente.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Sente.E2E;

/// <summary>The demo page passes an axe-core audit (WCAG 2 A/AA rules) signed out and mid-chat.</summary>
[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(Chromium chromium, DemoServer server, ITestOutputHelper output)
{
    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task DemoPage_SignedOutAndChatting_HasNoAccessibilityViolations(ColorScheme scheme)
    {
        var uid = $"a11y-{scheme.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";
        await using var page = await DemoPage.OpenAsync(chromium.Browser, server.BaseUri, output, uid, scheme);
        var signedOut = await AuditAsync(page, "signed out");

        await page.SignInAsync(uid);
        await page.PostAsync("is this readable?");
        await page.ExpectMessageAsync(uid, "is this readable?");
        var chatting = await AuditAsync(page, "chatting");
        await page.ScreenshotAsync($"demo-chat-{scheme.ToString().ToLowerInvariant()}");

        Assert.Empty(signedOut);
        Assert.Empty(chatting);
    }

    private static async Task<string[]> AuditAsync(DemoPage page, string when)
    {
        var result = await page.Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = result.Violations
            .Select(v => $"{when}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}")
            .ToArray();
        foreach (var violation in violations)
        {
            page.Log(violation);
        }

        page.Log($"{when}: {result.Passes.Length} rules passed, {violations.Length} violated");
        return violations;
    }
}
