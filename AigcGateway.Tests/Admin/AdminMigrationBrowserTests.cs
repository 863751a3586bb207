using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Admin;

/// <summary>
/// An administrator resolves a migration conflict in the browser: the earlier gateway's sd-cpu #0 is claimed in both
/// alice's and bob's Logto data; the administrator gives it to alice, and bob's claim is cleared.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
[Collection(BrowserCollection.Name)]
public sealed class AdminMigrationBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TemplateRef SdCpu = new("aigc", "sd-cpu");
    private readonly AdminGatewayAppFactory _app = new();
    private Uri _baseAddress = null!;

    public async ValueTask InitializeAsync()
    {
        // seeded before the gateway starts, as a deployment of the earlier gateway would leave them
        await EarlierGatewayState.RunInstancesAsync(_app.Kubernetes.BaseAddress, "aigc", "sd-cpu", 1);

        foreach (var user in new[] { LogtoDemoUsers.Alice.Id, LogtoDemoUsers.Bob.Id })
        {
            _app.Logto.SetCustomData(user, new JsonObject { ["aigc-sd-cpu"] = CustomDataEntryCodec.Encode(new InstanceRef(SdCpu, 0)) });
        }

        _baseAddress = _app.Start();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_administrator_gives_an_instance_claimed_twice_to_one_user_and_the_other_claim_is_cleared()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInThroughLogtoAsync(_baseAddress, _app.Logto.EndpointText, "admin");

        await page.Locator("a[href='/admin/migration']").ClickAsync();
        var aliceClaim = $"td[data-claim='{LogtoDemoUsers.Alice.Id}:aigc-sd-cpu']";
        var give = page.Locator($"{aliceClaim} [data-action='give']");
        await Assertions.Expect(give).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-table='conflicts'] [data-cell='user']")).ToHaveTextAsync(["Alice Zhang", "Bob Wang"]);
        await Assertions.Expect(page.Locator("[data-table='conflicts'] [data-kind]").First).ToHaveAttributeAsync("data-kind", "ClaimedByOtherUserToo");
        await page.SaveScreenshotAsync("admin-conflicts.png");

        await give.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("becomes the owner of aigc/sd-cpu No. 0");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Give to Alice Zhang" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-admin-message]")).ToContainTextAsync("Done.", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-empty='conflicts']")).ToBeVisibleAsync();
        _app.Logto.GetCustomData(LogtoDemoUsers.Bob.Id)["aigc-sd-cpu"].ShouldBeNull();
        _app.Logto.GetCustomData(LogtoDemoUsers.Alice.Id)["aigc-sd-cpu"]!["ID"]!.GetValue<string>().ShouldBe("0");
    }
}
