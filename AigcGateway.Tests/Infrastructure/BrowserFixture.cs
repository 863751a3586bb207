using Microsoft.Playwright;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>One headless Chromium (the system's, /usr/bin/chromium) shared by the browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// How long an expectation (<c>Assertions.Expect(...)</c>) waits for the page: 15 s instead of Playwright's 5 s. On
    /// a machine under heavy load a Blazor round trip alone took longer than 5 s; an expectation that never holds still
    /// fails, only later.
    /// </summary>
    public const float ExpectTimeoutMilliseconds = 15_000;

    static BrowserFixture() => Assertions.SetDefaultExpectTimeout(ExpectTimeoutMilliseconds);

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing. Install it with: sudo apt-get install -y chromium (./test.sh does this as root).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic", "--host-resolver-rules=MAP *.aigc.test 127.0.0.1",
            ],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a desktop-sized viewport, in the machine's time zone unless <paramref name="timezoneId"/> says another.</summary>
    public Task<IBrowserContext> NewContextAsync(string? locale = "en-US", ColorScheme colorScheme = ColorScheme.Light, string? timezoneId = null) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ColorScheme = colorScheme,
            TimezoneId = timezoneId,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
