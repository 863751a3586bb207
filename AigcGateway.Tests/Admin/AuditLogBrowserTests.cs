using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Admin;

/// <summary>In the browser: alice installs and pauses an instance, the administrator finds it in the Audit log and narrows it with the filters.</summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class AuditLogBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AdminGatewayAppFactory _app = new();
    private Uri _baseAddress = null!;

    public ValueTask InitializeAsync()
    {
        _baseAddress = _app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<IPage> SignInAsync(IBrowserContext context, string username) => _app.SignInAsync(context, username);

    [Fact]
    public async Task An_install_by_alice_appears_in_the_audit_log_and_the_filters_narrow_it()
    {
        await using var aliceContext = await browser.NewContextAsync();
        await using var adminContext = await browser.NewContextAsync();
        var alice = await SignInAsync(aliceContext, "alice");
        var card = alice.Locator("[data-template='aigc/sd-cpu']");
        await card.Locator("[data-action='install']").ClickAsync();
        await alice.Locator(".mud-dialog [data-action='confirm']").ClickAsync();
        await Assertions.Expect(card.Locator("[data-action='visit']")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var admin = await SignInAsync(adminContext, "admin");
        await admin.Locator("a[href='/admin/audit']").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-loaded='true']")).ToBeVisibleAsync();
        var installed = admin.Locator($"tr[data-audit-action='installed']:has(td[title='{LogtoDemoUsers.Alice.Id}'])");
        // the entry is written in the background: the page shows it once it is stored (Apply reads again)
        await Eventually.HoldsAsync(
            async () =>
            {
                await admin.Locator("[data-action='apply']").ClickAsync();
                return await installed.CountAsync() == 1;
            },
            "alice's install is listed");
        await Assertions.Expect(installed).ToContainTextAsync("aigc/sd-cpu#");
        await Assertions.Expect(admin.Locator("tr[data-audit-action='signed in']")).Not.ToHaveCountAsync(0);

        // only alice's entries, then only her installs
        await admin.Locator("input[data-filter='user']").FillAsync(LogtoDemoUsers.Alice.Id);
        await admin.Locator("[data-action='apply']").ClickAsync();
        await Assertions.Expect(admin.Locator($"tr[data-audit-row]:not(:has(td[title='{LogtoDemoUsers.Alice.Id}']))")).ToHaveCountAsync(0);
        await admin.Locator("input[data-filter='text']").FillAsync("sd-cpu");
        await admin.Locator("input[data-filter='text']").PressAsync("Enter");
        await Assertions.Expect(admin.Locator("tr[data-audit-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("[data-action='export']")).ToHaveAttributeAsync("href", $"/admin/audit/export?user={LogtoDemoUsers.Alice.Id}&q=sd-cpu");
        await admin.Locator("input[data-filter='text']").FillAsync("");
        await admin.Locator("[data-action='apply']").ClickAsync();
        await Assertions.Expect(admin.Locator("tr[data-audit-row]")).Not.ToHaveCountAsync(0);
        await admin.SaveScreenshotAsync("admin-audit.png");

        // the export is the CSV of the filter, for this administrator's session
        var response = await adminContext.APIRequest.GetAsync(new Uri(_baseAddress, $"/admin/audit/export?user={LogtoDemoUsers.Alice.Id}&action=installed").ToString());
        response.Headers["content-type"].ShouldStartWith("text/csv");
        (await response.TextAsync()).ShouldContain(",installed,aigc/sd-cpu,");
    }
}
