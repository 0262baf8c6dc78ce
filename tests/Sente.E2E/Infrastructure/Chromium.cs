using Microsoft.Playwright;

namespace Sente.E2E.Infrastructure;

/// <summary>
/// One headless Debian Chromium for a test collection, driven by Playwright's bundled driver.
/// Nothing is downloaded: the browser is the system's <c>/usr/bin/chromium</c>.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>The Debian package's browser; test.sh installs it when it is missing.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>Gets the launched browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing: the browser tests need the Debian package 'chromium' at {ExecutablePath}. " +
                "Run ./test.sh (it installs it) or `apt-get install -y chromium`. Playwright must not download a browser.");
        }

        // Expectations poll; a CPU-starved CI box (2 cores, several test projects at once) needs slack.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                // Background tabs must keep their timers (keep-alive, acks) running at full speed.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
