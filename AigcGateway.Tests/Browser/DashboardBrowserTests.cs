using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Browser;

/// <summary>What people do on the dashboard, in Chromium, through nginx, against the emulated cluster and Logto.</summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class DashboardBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private IngressEnvironment _env = null!;

    public async ValueTask InitializeAsync() =>
        _env = await IngressEnvironment.StartAsync(
            KubernetesEmulatorOptions.ForTests with { ScheduleDelay = TimeSpan.FromMilliseconds(600), StartDelay = TimeSpan.FromMilliseconds(1200) },
            Xunit.TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _env.DisposeAsync();

    private Task<IPage> SignInAsync(IBrowserContext context, string username) => _env.SignInToDashboardAsync(context, username);

    private static ILocator Card(IPage page, string template) => page.Locator($"[data-template='aigc/{template}']");

    private static ILocator State(IPage page, string template) => Card(page, template).Locator(".instance-area");

    private static async Task ActAsync(IPage page, string template, string action, string? typeName = null)
    {
        await Card(page, template).Locator($"[data-action='{action}']").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        if (typeName is not null)
        {
            await dialog.Locator(".uninstall-name-input input").FillAsync(typeName);
        }

        await dialog.Locator("[data-action='confirm']").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    private static Task ExpectStateAsync(IPage page, string template, string state) =>
        Assertions.Expect(State(page, template)).ToHaveAttributeAsync("data-state", state, new() { Timeout = 20_000 });

    /// <summary>
    /// Installs with the container start held back (a slow start), so that the starting card is on the page however
    /// late the browser renders it; takes the screenshot, then lets the start finish and waits until it runs.
    /// </summary>
    private async Task InstallAndSeeItStartAsync(IPage page, string template, string screenshot)
    {
        _env.Gateway.Kubernetes.Faults.SlowStart("aigc", template, TimeSpan.FromHours(1));
        await ActAsync(page, template, "install");
        await Assertions.Expect(Card(page, template).Locator(".startup-timeline[data-stage='ImagePulling']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.SaveScreenshotAsync(screenshot);

        _env.Gateway.Kubernetes.Faults.Clear("aigc", template);
        await ExpectStateAsync(page, template, "Running");
    }

    [Fact]
    public async Task Alice_installs_visits_pauses_recovers_restarts_and_uninstalls_without_reloading()
    {
        await using var context = await browser.NewContextAsync(locale: "en-US");
        var page = await SignInAsync(context, "alice");
        await page.SaveScreenshotAsync("dashboard-en.png");
        var loads = 0;
        page.Load += (_, _) => loads++;

        await InstallAndSeeItStartAsync(page, "sd-gpu", "dashboard-starting-en.png");
        await page.SaveScreenshotAsync("dashboard-running-en.png");
        var id = await State(page, "sd-gpu").GetAttributeAsync("data-instance");

        var visit = await context.RunAndWaitForPageAsync(() => Card(page, "sd-gpu").Locator("[data-action='visit']").ClickAsync());
        await Assertions.Expect(visit.Locator("h1.instance-page")).ToHaveTextAsync($"Instance sd-gpu-{id!.Split('#')[1]}.aigc.test");
        await visit.CloseAsync();

        await ActAsync(page, "sd-gpu", "pause");
        await ExpectStateAsync(page, "sd-gpu", "Paused");
        await page.SaveScreenshotAsync("dashboard-paused-en.png");

        await ActAsync(page, "sd-gpu", "recover");
        await ExpectStateAsync(page, "sd-gpu", "Running");
        (await State(page, "sd-gpu").GetAttributeAsync("data-instance")).ShouldBe(id);

        var created = await State(page, "sd-gpu").Locator("time.instance-created").GetAttributeAsync("datetime");
        await ActAsync(page, "sd-gpu", "restart");
        // Running alone is already true before the restart shows: wait for a running instance created later (its new GameServer)
        await Assertions.Expect(Card(page, "sd-gpu").Locator($".instance-area[data-state='Running'] time.instance-created:not([datetime='{created}'])"))
            .ToBeVisibleAsync(new() { Timeout = 20_000 });
        (await State(page, "sd-gpu").GetAttributeAsync("data-instance")).ShouldBe(id);

        await ActAsync(page, "sd-gpu", "uninstall", typeName: "Stable Diffusion WebUI");
        await ExpectStateAsync(page, "sd-gpu", "NotInstalled");

        loads.ShouldBe(0);
    }

    [Fact]
    public async Task A_template_without_a_free_gpu_says_so_and_bob_never_sees_alices_instances_in_chinese()
    {
        _env.Gateway.Kubernetes.Faults.MakeUnschedulable("aigc", "comfyui");
        await using (var aliceContext = await browser.NewContextAsync(locale: "en-US"))
        {
            var alice = await SignInAsync(aliceContext, "alice");
            await ActAsync(alice, "comfyui", "install");
            await Assertions.Expect(Card(alice, "comfyui").Locator("[data-diagnostic='NoFreeGpu']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Assertions.Expect(Card(alice, "comfyui")).ToContainTextAsync("No free GPU");
            await alice.SaveScreenshotAsync("dashboard-no-gpu-en.png");
        }

        await using var bobContext = await browser.NewContextAsync(locale: "zh-CN");
        var bob = await SignInAsync(bobContext, "bob");
        await ExpectStateAsync(bob, "comfyui", "NotInstalled");
        await bob.SaveScreenshotAsync("dashboard-zh.png");

        await InstallAndSeeItStartAsync(bob, "sd-cpu", "dashboard-starting-zh.png");
        await bob.SaveScreenshotAsync("dashboard-running-zh.png");
        await ActAsync(bob, "sd-cpu", "pause");
        await ExpectStateAsync(bob, "sd-cpu", "Paused");
        await bob.SaveScreenshotAsync("dashboard-paused-zh.png");

        await ActAsync(bob, "comfyui", "install");
        await Assertions.Expect(Card(bob, "comfyui").Locator("[data-diagnostic='NoFreeGpu']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(Card(bob, "comfyui")).ToContainTextAsync("没有空闲");
        await bob.SaveScreenshotAsync("dashboard-no-gpu-zh.png");
        // Alice holds comfyui #0; bob sees only his own, #1.
        (await State(bob, "comfyui").GetAttributeAsync("data-instance")).ShouldBe("aigc/comfyui#1");
    }
}
