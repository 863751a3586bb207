using System.Diagnostics;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Browser;

/// <summary>
/// The product as `dotnet run --project AigcGateway.Web` starts it: a separate process in Development with no
/// configuration, hence demo mode with its own emulators, demo users and demo instances.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class DemoModeBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private Process _process = null!;
    private Uri _baseAddress = null!;
    private readonly List<string> _output = [];

    public async ValueTask InitializeAsync()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var project = Path.Combine(RepositoryPaths.Root, "AigcGateway.Web");
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "AigcGateway.Web.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is built with the solution");
        var port = PortReservation.ForChildProcess();
        _baseAddress = new Uri($"http://localhost:{port}/");
        var start = GatewayProcess.StartInfo("--urls", $"http://localhost:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment.Remove("Logto__Endpoint");
        _process = Process.Start(start)!;
        var started = new TaskCompletionSource();
        _process.OutputDataReceived += (_, e) =>
        {
            lock (_output)
            {
                _output.Add(e.Data ?? "");
            }

            if (e.Data?.Contains("Cluster cache ready", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30), Xunit.TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string username)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(_baseAddress.ToString());
        await page.WaitForCircuitAsync();
        await page.Locator(".welcome-start").ClickAsync();
        await page.Locator($"button[data-username='{username}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(_baseAddress.ToString(), new() { Timeout = 20_000 });
        await page.WaitForCircuitAsync();
        return page;
    }

    [Fact]
    public async Task Dotnet_run_serves_a_working_demo_where_instances_open_only_for_their_owner()
    {
        lock (_output)
        {
            _output.ShouldContain(line => line.Contains("Demo mode", StringComparison.Ordinal) && line.Contains("kubeconfig", StringComparison.Ordinal));
        }

        await using var aliceContext = await browser.NewContextAsync();
        var alice = await SignInAsync(aliceContext, "alice");
        var card = alice.Locator("[data-template='aigc/sd-cpu']");
        await card.Locator("[data-action='install']").ClickAsync();
        await alice.Locator(".mud-dialog [data-action='confirm']").ClickAsync();
        await Assertions.Expect(card.Locator(".instance-area")).ToHaveAttributeAsync("data-state", "Running", new() { Timeout = 30_000 });
        var url = await card.Locator("[data-action='visit']").GetAttributeAsync("href");
        url.ShouldStartWith(new Uri(_baseAddress, "/demo-instances/sd-cpu-").ToString());

        var visit = await aliceContext.RunAndWaitForPageAsync(() => card.Locator("[data-action='visit']").ClickAsync());
        await Assertions.Expect(visit.Locator("h1.demo-instance-title")).ToContainTextAsync("sd-cpu-");

        await using var bobContext = await browser.NewContextAsync();
        await SignInAsync(bobContext, "bob");
        var bob = await bobContext.NewPageAsync();
        var response = await bob.GotoAsync(url!);
        response!.Status.ShouldBe(403);
    }

    [Fact]
    public async Task The_administrator_breaks_the_simulated_cluster_on_purpose_and_the_dashboard_explains_it()
    {
        await using var context = await browser.NewContextAsync();
        var admin = await SignInAsync(context, "admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Simulated cluster" }).ClickAsync();
        await admin.Locator("tr[data-template='aigc/comfyui'] [data-fault='no-gpu']").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("No free GPU");

        await admin.GotoAsync(_baseAddress.ToString());
        await admin.WaitForCircuitAsync();
        var card = admin.Locator("[data-template='aigc/comfyui']");
        await card.Locator("[data-action='install']").ClickAsync();
        await admin.Locator(".mud-dialog [data-action='confirm']").ClickAsync();

        await Assertions.Expect(card.Locator("[data-diagnostic='NoFreeGpu']")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // the API server goes away: the dashboard says so and keeps what it knew; it catches up when the server is back
        await admin.GotoAsync(new Uri(_baseAddress, "demo/faults").ToString());
        await admin.WaitForCircuitAsync();
        await admin.Locator("[data-fault='unreachable']").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("API server down for 30 s");
        await admin.GotoAsync(_baseAddress.ToString());
        await admin.WaitForCircuitAsync();
        await Assertions.Expect(admin.Locator("[data-cluster='unreachable']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(card.Locator("[data-diagnostic='NoFreeGpu']")).ToBeVisibleAsync();

        await admin.GotoAsync(new Uri(_baseAddress, "demo/faults").ToString());
        await admin.WaitForCircuitAsync();
        await admin.Locator("[data-fault='restore']").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("API server reachable again");
        await admin.GotoAsync(_baseAddress.ToString());
        await admin.WaitForCircuitAsync();
        await Assertions.Expect(admin.Locator("[data-cluster='unreachable']")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(card.Locator("[data-diagnostic='NoFreeGpu']")).ToBeVisibleAsync();
    }
}
