using Microsoft.Playwright;

namespace AigcGateway.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the Blazor circuit is interactive: clicks before that are lost. The layout renders
    /// <c>#circuit-state[data-interactive=true]</c> only once it runs in the circuit.
    /// </summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions
        {
            State = WaitForSelectorState.Attached,
            Timeout = 15_000,
        });

    /// <summary>
    /// On the Logto emulator's sign-in page (waited for by address, so redirects and aborted loads on the way do not
    /// matter), chooses the demo user.
    /// </summary>
    public static async Task ChooseLogtoUserAsync(this IPage page, string logtoEndpoint, string username)
    {
        await Assertions.Expect(page).ToHaveURLAsync(
            new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(logtoEndpoint) + "/"), new() { Timeout = 20_000 });
        await page.Locator($"button[data-username='{username}']").ClickAsync();
    }

    /// <summary>
    /// Signs <paramref name="username"/> in from the welcome page at <paramref name="baseAddress"/> through the Logto
    /// emulator's page, and waits until the dashboard is back and interactive.
    /// </summary>
    public static async Task SignInThroughLogtoAsync(this IPage page, Uri baseAddress, string logtoEndpoint, string username)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        await page.GotoAsync(baseAddress.ToString());
        await page.WaitForCircuitAsync();
        await page.Locator(".welcome-start").ClickAsync();
        await page.ChooseLogtoUserAsync(logtoEndpoint, username);
        await Assertions.Expect(page).ToHaveURLAsync(baseAddress.ToString(), new() { Timeout = 20_000 });
        await page.WaitForCircuitAsync();
    }

    /// <summary>Saves a screenshot of the top of the page into images/ (shown by the README).</summary>
    public static async Task SaveScreenshotAsync(this IPage page, string fileName)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Images, fileName), FullPage = false, Animations = ScreenshotAnimations.Disabled });
    }
}
