using AigcGateway.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class SignInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly KestrelGatewayAppFactory _app = new();
    private Uri _baseAddress = null!;

    public ValueTask InitializeAsync()
    {
        _baseAddress = _app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Alice_signs_in_with_logto_sees_her_name_signs_out_and_the_logto_session_ends()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_baseAddress.ToString());
        await page.WaitForCircuitAsync();

        await page.Locator(".welcome-start").ClickAsync();
        await page.ChooseLogtoUserAsync(_app.Logto.EndpointText, "alice");

        await Assertions.Expect(page).ToHaveURLAsync(_baseAddress.ToString(), new() { Timeout = 20_000 });
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator(".user-menu")).ToContainTextAsync("Alice Zhang");
        var cookies = await context.CookiesAsync([_baseAddress.ToString()]);
        cookies.Select(c => c.Name).ShouldContain("aigc_session");
        cookies.Select(c => c.Name).ShouldContain("aigc_access");
        cookies.Single(c => c.Name == "aigc_session").HttpOnly.ShouldBeTrue();

        await page.Locator(".user-menu button").First.ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();

        // Logto's end-session page submits itself at once (an aborted load on the way): wait on the address, not on loads.
        await Assertions.Expect(page).ToHaveURLAsync(_baseAddress.ToString(), new() { Timeout = 15_000 });
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("a.user-sign-in")).ToBeVisibleAsync();
        (await context.CookiesAsync([_baseAddress.ToString()])).Select(c => c.Name).ShouldNotContain("aigc_access");

        // Logto's own session is over too: signing in again asks who you are instead of letting alice straight back in.
        await page.Locator(".welcome-start").ClickAsync();
        // (waits for the address only: under load the page's load event came after Playwright's 30 s)
        await page.WaitForURLAsync(url => url.StartsWith(_app.Logto.EndpointText, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("button[data-username='bob']")).ToBeVisibleAsync();
    }
}
