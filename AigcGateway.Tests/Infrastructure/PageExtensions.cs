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

    /// <summary>Saves a screenshot of the top of the page into images/ (shown by the README).</summary>
    public static async Task SaveScreenshotAsync(this IPage page, string fileName)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Images, fileName), FullPage = false, Animations = ScreenshotAnimations.Disabled });
    }
}
