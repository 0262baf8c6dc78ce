using Sente.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Sente.E2E;

/// <summary>The two ways a page loads the client: <c>import</c> from <c>/sente.js</c>, or a plain <c>&lt;script&gt;</c> of <c>/sente.global.js</c>.</summary>
[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public sealed class ClientLoadingTests(Chromium chromium, DemoServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task PlainScriptTag_DefinesWindowSente_WhichConnectsAndRequests()
    {
        await using var page = await DemoPage.OpenAsync(chromium.Browser, server.BaseUri, output, "classic");
        await page.Page.SetContentAsync("""<!doctype html><title>classic</title><script src="/sente.global.js"></script>""");

        var reply = await page.Page.EvaluateAsync<int>("""
            async () => {
              const chsk = window.Sente.connect("/chsk", { type: "auto" });
              await new Promise((resolve) => chsk.onState((s) => s.open && resolve()));
              const reply = await chsk.request(["demo/echo", 41], 5000);
              chsk.disconnect();
              return reply + 1;
            }
            """);

        Assert.Equal(42, reply);
    }

    [Fact]
    public async Task EsModuleImport_SignedIn_ConnectsWithAFetchedCsrfTokenAsThatUser()
    {
        var uid = $"esm-{Guid.NewGuid().ToString("N")[..6]}";
        await using var page = await DemoPage.OpenAsync(chromium.Browser, server.BaseUri, output, uid);
        await page.SignInAsync(uid);
        await page.Page.EvaluateAsync("() => window.chsk.disconnect()");

        var who = await page.Page.EvaluateAsync<string>("""
            async () => {
              const { Sente, fetchCsrfToken } = await import("/sente.js");
              const chsk = Sente.connect("/chsk", { type: "ws", csrfToken: () => fetchCsrfToken() });
              await new Promise((resolve) => chsk.onState((s) => s.open && resolve()));
              const reply = await chsk.request(["demo/whoami"], 5000);
              chsk.disconnect();
              return reply.uid;
            }
            """);

        Assert.Equal(uid, who);
    }
}
