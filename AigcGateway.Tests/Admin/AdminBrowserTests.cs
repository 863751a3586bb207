using AigcGateway.Core.Administration;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Admin;

[Collection(BrowserCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class AdminBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string TemplateName = "playground";
    private const string Template = "aigc/" + TemplateName;
    private readonly AdminGatewayAppFactory _app = new();
    private Uri _baseAddress = null!;

    public ValueTask InitializeAsync()
    {
        _baseAddress = _app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<IPage> SignInAsync(IBrowserContext context, string username) => _app.SignInAsync(context, username);

    private async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(_baseAddress, path).ToString());
        await page.WaitForCircuitAsync();
    }

    [Fact]
    public async Task The_administrator_creates_a_template_alice_installs_it_and_deleting_it_cleans_up_everything()
    {
        await using var adminContext = await browser.NewContextAsync();
        await using var aliceContext = await browser.NewContextAsync();
        var admin = await SignInAsync(adminContext, "admin");

        // create from the form, with the preview first
        await GoAsync(admin, "/admin/templates/new");
        await admin.Locator("input[data-field='DisplayName']").FillAsync("Playground");
        await admin.Locator("input[data-field='Name']").FillAsync(TemplateName);
        await admin.Locator("input[data-field='Image']").FillAsync("registry.example.com/aigc/playground:1.0");
        await admin.Locator("input[data-field='HostPattern']").FillAsync("playground-<id>.localhost");
        await admin.Locator("input[data-field='Cpu']").FillAsync("1");
        await admin.Locator("input[data-field='Memory']").FillAsync("2Gi");
        await admin.Locator("[data-action='preview']").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-preview='yaml']")).ToContainTextAsync("scaleDownStrategyType: ReserveIds");
        await admin.Locator("[data-section='preview']").ScrollIntoViewIfNeededAsync();
        await admin.SaveScreenshotAsync("admin-create-preview.png");
        await admin.Locator("[data-action='create']").ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Uri(_baseAddress, "/admin/templates").ToString(), new() { Timeout = 20_000 });
        await Assertions.Expect(admin.Locator($"tr:has([data-template='{Template}']) [data-conformance]")).ToHaveAttributeAsync("data-conformance", "ok");

        // alice installs it from her dashboard
        var alice = await SignInAsync(aliceContext, "alice");
        await alice.Locator($"[data-template='{Template}'] [data-action='install']").ClickAsync();
        await alice.Locator(".mud-dialog [data-action='confirm']").ClickAsync();
        await Assertions.Expect(alice.Locator($"[data-template='{Template}'] [data-action='visit']")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // renaming it applies at once on alice's dashboard, without restarting her instance
        await GoAsync(admin, $"/admin/templates/{Template}");
        await admin.Locator("input[data-field='edit-DisplayName']").FillAsync("Playground Studio");
        await admin.Locator("[data-action='save-display']").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-edit='saved']")).ToBeVisibleAsync();
        await admin.SaveScreenshotAsync("admin-edit.png");
        await Assertions.Expect(alice.Locator($"[data-template='{Template}']")).ToContainTextAsync("Playground Studio");
        await Assertions.Expect(alice.Locator($"[data-template='{Template}'] [data-action='visit']")).ToBeVisibleAsync();

        // the administrator sees her instance, then the templates list
        await GoAsync(admin, "/admin/instances");
        await Assertions.Expect(admin.Locator($"td[data-instance='{Template}#0'][data-cell='user']")).ToHaveTextAsync("Alice Zhang");
        await Assertions.Expect(admin.Locator($"tr:has(td[data-instance='{Template}#0']) [data-state]")).ToHaveAttributeAsync("data-state", "Running");
        await admin.SaveScreenshotAsync("admin-instances.png");
        await GoAsync(admin, "/admin/templates");
        await Assertions.Expect(admin.Locator($"tr:has([data-template='{Template}']) [data-cell='owners']")).ToHaveTextAsync("1");
        await admin.SaveScreenshotAsync("admin-templates.png");

        // delete with the data volumes
        await admin.Locator($"td[data-template='{Template}'] [data-action='delete']").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-impact='users']")).ToContainTextAsync("Alice Zhang");
        await admin.Locator("input[data-mode='delete']").CheckAsync();
        await admin.SaveScreenshotAsync("admin-delete.png");
        await admin.Locator(".delete-template-dialog [data-action='confirm']").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-delete-result='ok']")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // alice's dashboard no longer shows it, and her customData key is gone
        await Assertions.Expect(alice.Locator($"[data-template='{Template}']")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        _app.Logto.GetCustomData(LogtoDemoUsers.Alice.Id).ContainsKey("aigc-" + TemplateName).ShouldBeFalse();
    }

    [Fact]
    public async Task A_large_template_pasted_into_the_yaml_editor_reaches_the_server_and_one_over_the_limit_is_refused_by_name()
    {
        await using var context = await browser.NewContextAsync();
        var admin = await SignInAsync(context, "admin");
        await GoAsync(admin, "/admin/templates/new");
        await admin.Locator("[data-action='to-yaml']").ClickAsync();
        var editor = admin.Locator("textarea[data-field='yaml']");

        // 100 KiB: three times Blazor Server's default message limit (filling it took over Playwright's default 30 s
        // once at load 33 on 2 cores; the test is about size, not speed)
        await editor.FillAsync(TemplateCreateTests.LargeTemplate(100), new() { Timeout = 120_000 });
        await admin.Locator("[data-action='check-yaml']").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-section='preview']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(admin.Locator("[data-yaml-problem]")).ToHaveCountAsync(0);

        // pasting more than the limit: the browser cuts the paste at the field's maxlength, one character over the
        // limit, and the server refuses it by name (typing 600 KiB through Playwright takes minutes, so the paste is
        // done the way the browser does it: cut at maxLength, then the field's change event)
        await editor.EvaluateAsync(
            "(e, text) => { e.value = text.slice(0, e.maxLength); e.dispatchEvent(new Event('change', { bubbles: true })); }",
            TemplateCreateTests.LargeTemplate(600));
        await admin.Locator("[data-action='check-yaml']").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-yaml-problem]")).ToContainTextAsync("512 KiB", new() { Timeout = 20_000 });
        (await editor.InputValueAsync()).Length.ShouldBeGreaterThan(ManifestYaml.MaxBytes);
    }
}
