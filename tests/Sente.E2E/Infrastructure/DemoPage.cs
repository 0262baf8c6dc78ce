using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Sente.E2E.Infrastructure;

/// <summary>
/// The demo chat page (<c>wwwroot/index.html</c>) in a browser context of its own (own cookies: one
/// user per context), driven through what a person would click and read.
/// </summary>
public sealed class DemoPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly string _name;
    private readonly bool _ownsContext;
    private volatile bool _disposed;

    private DemoPage(IBrowserContext context, IPage page, ITestOutputHelper output, string name, bool ownsContext = true)
    {
        _context = context;
        _ownsContext = ownsContext;
        Page = page;
        _output = output;
        _name = name;
        page.Console += (_, message) => Log($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => Log($"page error: {error}");
    }

    /// <summary>Gets the Playwright page.</summary>
    public IPage Page { get; }

    /// <summary>Gets the browser context (cookies, network emulation).</summary>
    public IBrowserContext Context => _context;

    /// <summary>Opens the demo page in a new browser context.</summary>
    public static async Task<DemoPage> OpenAsync(IBrowser browser, Uri baseUri, ITestOutputHelper output, string name, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseUri.ToString(),
            ViewportSize = new() { Width = 1100, Height = 720 },
            ColorScheme = colorScheme,
        });
        var page = await context.NewPageAsync();
        var demo = new DemoPage(context, page, output, name);
        await page.GotoAsync("/");
        return demo;
    }

    /// <summary>
    /// Opens the demo page, signs in as <paramref name="userId"/>, and, for <c>Ajax</c>, clicks
    /// "Force Ajax"; returns once the channel socket is open over <paramref name="transport"/>.
    /// </summary>
    public static async Task<DemoPage> OpenSignedInAsync(IBrowser browser, Uri baseUri, ITestOutputHelper output, string userId, string transport = "WebSocket")
    {
        var page = await OpenAsync(browser, baseUri, output, userId);
        await page.SignInAsync(userId);
        if (transport == "Ajax")
        {
            await page.ForceAjaxAsync();
            await page.ExpectConnectedAsync("Ajax");
        }

        return page;
    }

    /// <summary>Posts a message from each page in turn and waits until each shows on the other.</summary>
    public static async Task ChatAsync((DemoPage Page, string UserId) first, (DemoPage Page, string UserId) second, string message, string answer)
    {
        await first.Page.PostAsync(message);
        await second.Page.ExpectMessageAsync(first.UserId, message);
        await second.Page.PostAsync(answer);
        await first.Page.ExpectMessageAsync(second.UserId, answer);
        await first.Page.ExpectMessageAsync(first.UserId, message);
    }

    /// <summary>Opens the demo in another tab of this page's browser context: same cookies, so the same signed-in user.</summary>
    public async Task<DemoPage> OpenTabAsync(string name)
    {
        var page = await _context.NewPageAsync();
        var tab = new DemoPage(_context, page, _output, name, ownsContext: false);
        await page.GotoAsync("/");
        return tab;
    }

    /// <summary>Signs in with the dev login and waits for the channel socket to open.</summary>
    public async Task SignInAsync(string userId, string transport = "WebSocket")
    {
        await Page.Locator("#user-id").FillAsync(userId);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.Locator("#app")).ToBeVisibleAsync();
        await ExpectConnectedAsync(transport);
        await Expect(Page.Locator("#uid")).ToHaveTextAsync(userId);
    }

    /// <summary>Waits until the status badge says the channel socket is open over <paramref name="transport"/> (WebSocket or Ajax).</summary>
    public Task ExpectConnectedAsync(string transport) =>
        Expect(Page.Locator("#status")).ToHaveTextAsync($"connected over {transport}");

    /// <summary>Posts a chat message to everyone (<c>demo/broadcast</c>) through the form.</summary>
    public async Task PostAsync(string text)
    {
        await Page.Locator("#text").FillAsync(text);
        await Page.Locator("#text").PressAsync("Enter");
    }

    /// <summary>Waits until the message list shows <paramref name="text"/> from <paramref name="from"/>.</summary>
    public Task ExpectMessageAsync(string from, string text) =>
        Expect(Page.Locator("#messages li").Filter(new() { HasText = text })).ToContainTextAsync(from);

    /// <summary>Waits until the connected-users list shows <paramref name="userId"/> with <paramref name="transports"/> (e.g. <c>ws</c>).</summary>
    public Task ExpectUserListedAsync(string userId, string transports) =>
        Expect(Page.Locator("#users li").Filter(new() { HasText = userId })).ToHaveTextAsync($"{userId}{transports}");

    /// <summary>Clicks "Force Ajax".</summary>
    public Task ForceAjaxAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Force Ajax" }).ClickAsync();

    /// <summary>Gets the "seq gaps" counter.</summary>
    public async Task<int> SeqGapsAsync() => int.Parse(await Page.Locator("#gaps").InnerTextAsync(), CultureInfo.InvariantCulture);

    /// <summary>Gets the "events received" counter.</summary>
    public async Task<int> ReceivedAsync() => int.Parse(await Page.Locator("#received").InnerTextAsync(), CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts recording, in the page, the <c>n</c> of every <c>test/n</c> event, every handshake, and
    /// every <c>chsk/resync</c> (a resume answered <c>resumed: false</c>) of the page's channel socket.
    /// </summary>
    public Task StartRecordingAsync() => Page.EvaluateAsync("""
        () => {
          window.__rec = { got: [], handshakes: 0, resyncs: 0 };
          window.chsk.on("test/n", (data) => window.__rec.got.push(data.n));
          window.chsk.on("chsk/handshake", () => window.__rec.handshakes++);
          window.chsk.on("chsk/resync", () => window.__rec.resyncs++);
        }
        """);

    /// <summary>Reads what <see cref="StartRecordingAsync"/> recorded.</summary>
    public async Task<Recording> RecordingAsync()
    {
        var json = await Page.EvaluateAsync<JsonElement>("() => window.__rec");
        return new Recording(
            [.. json.GetProperty("got").EnumerateArray().Select(n => n.GetInt32())],
            json.GetProperty("handshakes").GetInt32(),
            json.GetProperty("resyncs").GetInt32());
    }

    /// <summary>Waits (polling the page) until <paramref name="condition"/> holds for the recording.</summary>
    public async Task<Recording> WaitForRecordingAsync(Func<Recording, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var recording = await RecordingAsync();
            if (condition(recording))
            {
                return recording;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_name}: not within {timeout.TotalSeconds:0} s: {what}. Recorded: {recording}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Saves a full-page screenshot as <c>artifacts/test-results/e2e/&lt;name&gt;.png</c> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(TestArtifacts.Directory, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Log($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_ownsContext)
        {
            await _context.CloseAsync();
        }
        else
        {
            await Page.CloseAsync();
        }
    }

    /// <summary>Writes a line to the test output (ignored once the test is over).</summary>
    public void Log(string line)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            _output.WriteLine($"[{_name} {DateTime.UtcNow:HH:mm:ss.fff}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test finished while the page was still talking.
        }
    }
}

/// <summary>What a page recorded: <c>n</c> of each <c>test/n</c> in arrival order, handshakes, resyncs.</summary>
public sealed record Recording(IReadOnlyList<int> Got, int Handshakes, int Resyncs)
{
    public override string ToString() =>
        $"{Got.Count} events (first {string.Join(",", Got.Take(3))}, last {string.Join(",", Got.TakeLast(3))}), {Handshakes} handshakes, {Resyncs} resyncs";
}
