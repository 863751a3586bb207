using AigcGateway.Core.Administration;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Web.Components.Admin;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task The_keyboard_alone_reaches_every_filter_apply_export_and_the_pager_in_reading_order()
    {
        // more than a page of entries, so that the pager's Older button is enabled
        var log = _app.Services.GetRequiredService<IAuditLog>();
        for (var i = 0; i < AuditLog.PageSize + 5; i++)
        {
            log.Record(new AuditEntry(DateTimeOffset.UtcNow.AddMinutes(-i), "user keyboard-" + i, AuditActions.Restarted, "aigc/sd-cpu#" + i, true));
        }

        await using var context = await browser.NewContextAsync();
        var admin = await SignInAsync(context, "admin");
        await admin.GotoAsync(new Uri(_baseAddress, "/admin/audit").ToString());
        await admin.WaitForCircuitAsync();
        await Assertions.Expect(admin.Locator("[data-loaded='true']")).ToBeVisibleAsync();
        await Eventually.HoldsAsync(
            async () => await admin.Locator("[data-action='older']").IsEnabledAsync(),
            "a second page of entries exists (the first page is read again as they are written)");

        await admin.Locator("input[data-filter='user']").FocusAsync();
        var reached = new List<string>();
        for (var presses = 0; presses < 60 && reached.LastOrDefault() != "older"; presses++)
        {
            var focused = await admin.EvaluateAsync<string?>(
                "() => { const e = document.activeElement?.closest('[data-filter],[data-action]'); return e ? (e.getAttribute('data-filter') ?? e.getAttribute('data-action')) : null; }");
            if (focused is not null && reached.LastOrDefault() != focused)
            {
                reached.Add(focused);
            }

            if (focused != "older")
            {
                await admin.Keyboard.PressAsync("Tab");
            }
        }

        string[] order = ["user", "template", "instance", "action", "outcome", "from", "to", "text", "apply", "clear", "export", "older"];
        reached.Where(order.Contains).ShouldBe(order, $"focus went: {string.Join(" > ", reached)}");

        await admin.Keyboard.PressAsync("Enter");
        await Assertions.Expect(admin.Locator("[data-audit-count]")).ToContainTextAsync("page 2");
        await admin.Keyboard.PressAsync("Shift+Tab");
        (await admin.EvaluateAsync<string?>("() => document.activeElement?.closest('[data-action]')?.getAttribute('data-action')")).ShouldBe("newer");
        await admin.Keyboard.PressAsync("Enter");
        await Assertions.Expect(admin.Locator("[data-audit-count]")).ToContainTextAsync("page 1");

        // Apply from the keyboard: type in the text filter and press Enter
        await admin.Locator("input[data-filter='text']").FocusAsync();
        await admin.Keyboard.TypeAsync("keyboard-3");
        await admin.Keyboard.PressAsync("Enter");
        await Assertions.Expect(admin.Locator("[data-action='export']")).ToHaveAttributeAsync("href", "/admin/audit/export?q=keyboard-3");
    }
}
