using System.Net;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Emulators.Logto;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace AigcGateway.Tests.Browser;

/// <summary>Sessions that really end, seen through nginx as ingress-nginx runs it, with Chromium.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
[Collection(BrowserCollection.Name)]
public sealed class SessionBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private IngressEnvironment _env = null!;
    private Uri _aliceUrl = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _env = await IngressEnvironment.StartAsync(cancellationToken: Xunit.TestContext.Current.CancellationToken);
        _aliceUrl = await _env.InstallRunningAsync(LogtoDemoUsers.Alice.Id);
    }

    public ValueTask DisposeAsync() => _env.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(Uri url, string cookieName, string cookieValue)
    {
        using var client = _env.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $"{cookieName}={cookieValue}");
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_everywhere_open_tabs_and_captured_cookies_included()
    {
        await using var context = await browser.NewContextAsync();
        var instanceTab = await context.NewPageAsync();
        await instanceTab.GotoAsync(_aliceUrl.ToString());
        await instanceTab.ChooseLogtoUserAsync(_env.Gateway.Logto.EndpointText, "alice");
        await Assertions.Expect(instanceTab).ToHaveURLAsync(_aliceUrl.ToString(), new() { Timeout = 20_000 });
        var openDashboard = await context.NewPageAsync();
        await openDashboard.GotoAsync(_env.Dashboard.ToString());
        await openDashboard.WaitForCircuitAsync();
        await Assertions.Expect(openDashboard.Locator(".user-menu")).ToContainTextAsync("Alice Zhang");
        var captured = (await context.CookiesAsync([_env.Dashboard.ToString(), _aliceUrl.ToString()])).ToDictionary(c => c.Name, c => c.Value);

        // sign out in another tab, from the user menu
        var signOutTab = await context.NewPageAsync();
        await signOutTab.GotoAsync(_env.Dashboard.ToString());
        await signOutTab.WaitForCircuitAsync();
        await signOutTab.Locator(".user-menu button").First.ClickAsync();
        await signOutTab.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(signOutTab).ToHaveURLAsync(_env.Dashboard.ToString(), new() { Timeout = 15_000 });

        // the dashboard left open in the first tab loses her within seconds, without a reload
        await Assertions.Expect(openDashboard.Locator("a.user-sign-in")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // the cookies she had are worth nothing now, replayed through the ingress
        using var instance = await GetAsync(_aliceUrl, InstanceAccessCookie.Name, captured[InstanceAccessCookie.Name]);
        instance.StatusCode.ShouldBe(HttpStatusCode.Found);
        instance.Headers.Location!.AbsoluteUri.ShouldStartWith(new Uri(_env.Dashboard, "/sign-in").AbsoluteUri);
        using var signIn = await GetAsync(new Uri(_env.Dashboard, "/sign-in?rd=" + Uri.EscapeDataString(_aliceUrl.ToString())), "aigc_session", captured["aigc_session"]);
        signIn.Headers.Location!.AbsoluteUri.ShouldStartWith(_env.Gateway.Logto.EndpointText, customMessage: "a revoked session mints no access cookie");
    }

    [Fact]
    public async Task An_access_cookie_a_third_through_its_life_comes_back_renewed_through_the_ingress()
    {
        var services = _env.Gateway.Services;
        var tenMinutesAgo = new InstanceAccessCookie(
            services.GetRequiredService<IDataProtectionProvider>(),
            new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10)),
            services.GetRequiredService<IOptions<GatewayOptions>>());
        var old = tenMinutesAgo.Issue(LogtoDemoUsers.Alice.Id, LogtoDemoUsers.Alice.PrimaryEmail, false, "s-renewal", DateTimeOffset.UtcNow.AddDays(1));

        using var response = await GetAsync(_aliceUrl, InstanceAccessCookie.Name, tenMinutesAgo.Protect(old));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var set = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(InstanceAccessCookie.Name + "=", StringComparison.Ordinal));
        var value = set[(InstanceAccessCookie.Name.Length + 1)..set.IndexOf(';', StringComparison.Ordinal)];
        services.GetRequiredService<InstanceAccessCookie>().TryRead(value, out var renewed).ShouldBeTrue();
        renewed.SessionId.ShouldBe("s-renewal");
        renewed.IssuedAt.ShouldBeGreaterThan(old.IssuedAt.AddMinutes(9));
        set.ShouldContain("domain=.aigc.test");
    }
}
