using AigcGateway.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class ShellBrowserTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task A_visitor_switches_to_dark_mode_and_chinese_and_both_choices_are_remembered()
    {
        await using var context = await browser.NewContextAsync(locale: "en-US");
        var page = await context.NewPageAsync();

        await page.GotoAsync(_baseAddress.ToString());
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your own AI studio, on your team's GPUs");
        await Assertions.Expect(page.Locator(".welcome-start")).ToHaveAttributeAsync("href", "/sign-in");
        await page.SaveScreenshotAsync("welcome-en-light.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Colour scheme" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Dark" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(18, 19, 26)");
        await page.SaveScreenshotAsync("welcome-en-dark.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Language" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "简体中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("在团队自己的 GPU 上，拥有你自己的 AI 创作空间");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(18, 19, 26)");
        await page.SaveScreenshotAsync("welcome-zh-dark.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "配色" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "浅色" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(246, 247, 251)");
        await page.SaveScreenshotAsync("welcome-zh-light.png");

        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("在团队自己的 GPU 上，拥有你自己的 AI 创作空间");
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(246, 247, 251)");
    }

    [Fact]
    public async Task Follow_the_system_uses_the_operating_systems_dark_preference()
    {
        await using var context = await browser.NewContextAsync(locale: "en-US", colorScheme: ColorScheme.Dark);
        var page = await context.NewPageAsync();

        await page.GotoAsync(_baseAddress.ToString());
        await page.WaitForCircuitAsync();

        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(18, 19, 26)");
    }

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page_with_a_way_back()
    {
        await using var context = await browser.NewContextAsync(locale: "en-US");
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(new Uri(_baseAddress, "/nothing-here").ToString());

        response!.Status.ShouldBe(404);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the dashboard" })).ToBeVisibleAsync();
    }
}
