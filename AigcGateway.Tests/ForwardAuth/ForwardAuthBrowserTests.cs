using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AigcGateway.Tests.ForwardAuth;

/// <summary>Instance URLs behind a real nginx doing what ingress-nginx does with the auth-url / auth-signin annotations.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
[Collection(BrowserCollection.Name)]
public sealed class ForwardAuthBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TemplateRef SdCpu = new("aigc", "sd-cpu");
    private IngressEnvironment _env = null!;
    private Uri _aliceUrl = null!;
    private Uri _bobUrl = null!;

    public async ValueTask InitializeAsync()
    {
        _env = await IngressEnvironment.StartAsync(cancellationToken: Xunit.TestContext.Current.CancellationToken);
        var instances = _env.Gateway.Services.GetRequiredService<IInstanceService>();
        await instances.WaitForReadyAsync();
        var alice = await instances.InstallAsync(LogtoDemoUsers.Alice.Id, SdCpu, Xunit.TestContext.Current.CancellationToken);
        var bob = await instances.InstallAsync(LogtoDemoUsers.Bob.Id, SdCpu, Xunit.TestContext.Current.CancellationToken);
        alice.Succeeded.ShouldBeTrue(alice.Error.ToString());
        bob.Succeeded.ShouldBeTrue(bob.Error.ToString());
        await instances.WaitForStateAsync(LogtoDemoUsers.Alice.Id, SdCpu, InstanceState.Running);
        await instances.WaitForStateAsync(LogtoDemoUsers.Bob.Id, SdCpu, InstanceState.Running);
        _aliceUrl = _env.InstanceUrl("sd-cpu", alice.Instance!.Id);
        _bobUrl = _env.InstanceUrl("sd-cpu", bob.Instance!.Id);
    }

    public ValueTask DisposeAsync() => _env.DisposeAsync();

    private Task SignInAtLogtoAsync(IPage page, string username) => page.ChooseLogtoUserAsync(_env.Gateway.Logto.EndpointText, username);

    [Fact]
    public async Task Alice_reaches_her_instance_only_and_signing_in_brings_her_back_to_it()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // Not signed in: nginx's auth subrequest gets 401 and sends her to sign in, then back to the instance.
        await page.GotoAsync(_aliceUrl.ToString());
        await SignInAtLogtoAsync(page, "alice");
        await Assertions.Expect(page).ToHaveURLAsync(_aliceUrl.ToString(), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("h1.instance-page")).ToHaveTextAsync($"Instance {_aliceUrl.Host}");
        await Assertions.Expect(page.Locator(".instance-user")).ToHaveTextAsync(LogtoDemoUsers.Alice.Id);
        // The instance app sees neither the dashboard session nor the access cookie (its own cookies only; it has none).
        (await page.Locator(".instance-cookies").TextContentAsync()).ShouldBe("");

        // Bob's instance: signed in, but not hers.
        var response = await page.GotoAsync(_bobUrl.ToString());
        response!.Status.ShouldBe(403);

        // After signing out (the old /sign-out link asks first), her instance asks her to sign in again, and signing in
        // returns her to it. Logto's end-session page submits itself at once: wait on the address, not on page loads.
        await page.GotoAsync(new Uri(_env.Dashboard, "/sign-out").ToString());
        await page.Locator("button.sign-out-confirm").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(_env.Dashboard.ToString(), new() { Timeout = 15_000 });
        await page.GotoAsync(new Uri(_aliceUrl, "/some/page?x=1").ToString());
        await SignInAtLogtoAsync(page, "alice");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(_aliceUrl, "/some/page?x=1").ToString(), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("h1.instance-page")).ToHaveTextAsync($"Instance {_aliceUrl.Host}");
    }

    [Fact]
    public async Task Bob_signed_in_as_himself_is_refused_at_alices_instance()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(_bobUrl.ToString());
        await SignInAtLogtoAsync(page, "bob");
        await Assertions.Expect(page).ToHaveURLAsync(_bobUrl.ToString(), new() { Timeout = 20_000 });

        var response = await page.GotoAsync(_aliceUrl.ToString());

        response!.Status.ShouldBe(403);
    }
}
