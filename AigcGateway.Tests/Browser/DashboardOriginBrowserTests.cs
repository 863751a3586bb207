using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Browser;

/// <summary>
/// A page on an instance host is same-site with the dashboard, so Chromium sends the user's Lax session cookie
/// with its WebSocket handshakes and fetches to the dashboard: the dashboard must refuse them by their Origin.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
[Collection(BrowserCollection.Name)]
public sealed class DashboardOriginBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string AttackScript = """
        async url => await new Promise(resolve => {
            const socket = new WebSocket(url);
            socket.onopen = () => { socket.close(); resolve('open'); };
            socket.onerror = () => resolve('refused');
            setTimeout(() => resolve('no answer within 15 s'), 15000);
        })
        """;

    private IngressEnvironment _env = null!;
    private Uri _aliceUrl = null!;

    public async ValueTask InitializeAsync()
    {
        _env = await IngressEnvironment.StartAsync(cancellationToken: Xunit.TestContext.Current.CancellationToken);
        _aliceUrl = await _env.InstallRunningAsync(LogtoDemoUsers.Alice.Id);
    }

    public ValueTask DisposeAsync() => _env.DisposeAsync();

    [Fact]
    public async Task A_page_on_an_instance_host_cannot_open_the_dashboards_circuit_as_the_visiting_user()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        // Alice opens her instance (signing in on the way): whatever the instance serves runs script on a host that is
        // same-site with the dashboard (an engine extension, say).
        await page.GotoAsync(_aliceUrl.ToString());
        await page.ChooseLogtoUserAsync(_env.Gateway.Logto.EndpointText, "alice");
        await Assertions.Expect(page).ToHaveURLAsync(_aliceUrl.ToString(), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("h1.instance-page")).ToBeVisibleAsync();

        var webSocket = await page.EvaluateAsync<string>(AttackScript, $"ws://{IngressEnvironment.DashboardHost}:{_env.Nginx.Port}/_blazor");
        var negotiated = page.WaitForResponseAsync(r => r.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal));
        await page.EvaluateAsync(
            "url => fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include' }).catch(() => null)",
            new Uri(_env.Dashboard, "/_blazor/negotiate?negotiateVersion=1").ToString());
        var negotiate = await negotiated;

        webSocket.ShouldBe("refused");
        negotiate.Status.ShouldBe(403);
        // her Lax dashboard session was there to be sent along: only the requests' origin gives them away
        (await context.CookiesAsync([_env.Dashboard.ToString()])).ShouldContain(c => c.Name == "aigc_session" && c.SameSite == SameSiteAttribute.Lax);

        // the dashboard itself, on its own origin, still works
        await page.GotoAsync(_env.Dashboard.ToString());
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator(".user-menu")).ToContainTextAsync("Alice Zhang");
    }
}
