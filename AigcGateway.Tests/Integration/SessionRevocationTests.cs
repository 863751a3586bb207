using System.Net;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace AigcGateway.Tests.Integration;

/// <summary>
/// Sign-out revokes the session for every replica: two gateways share the emulated cluster (and so the ConfigMap of
/// revoked sessions), Logto and the Data Protection keys, as two pods of one deployment do.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class SessionRevocationTests : IAsyncLifetime
{
    private const string SomeInstance = "http://sd-cpu-9.localhost/";
    private readonly GatewayAppFactory _first = new();
    private GatewayAppFactory _second = null!;
    private HttpClient _firstClient = null!;
    private HttpClient _secondClient = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _first.WithSetting("Gateway:DataProtectionKeysPath", Path.Combine(_first.ScratchDirectory, "keys"));
        _second = _first.NewReplica();
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        _firstClient = _first.CreateClient(options);
        _secondClient = _second.CreateClient(options);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _firstClient.Dispose();
        _secondClient.Dispose();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    /// <summary><c>/auth</c> as nginx asks it, with only the access cookie (the instance host's cookie).</summary>
    private static async Task<HttpStatusCode> AuthAsync(HttpClient gateway, IReadOnlyDictionary<string, SetCookieHeaderValue> cookies)
    {
        using var request = Auth.AuthTestHost.ForwardAuth(SomeInstance, cookies);
        using var response = await gateway.SendAsync(request, Ct);
        return response.StatusCode;
    }

    /// <summary>Where <c>/sign-in</c> sends a browser holding <paramref name="cookies"/>: straight back (a live session) or to Logto.</summary>
    private async Task<Uri> SignInWithAsync(HttpClient gateway, IReadOnlyDictionary<string, SetCookieHeaderValue> cookies)
    {
        using var request = Auth.AuthTestHost.Get("/sign-in?rd=%2Fhere", cookies);
        using var response = await gateway.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return new Uri(_first.PublicUrl, response.Headers.Location!);
    }

    private bool IsLogto(Uri location) => location.AbsoluteUri.StartsWith(_first.Logto.EndpointText, StringComparison.Ordinal);

    [Fact]
    public async Task Cookies_captured_before_sign_out_open_nothing_afterwards()
    {
        var browser = new GatewaySignIn(_firstClient, _first.Logto.Endpoint);
        await browser.SignInAsync(LogtoDemoUsers.Alice.Id);
        var captured = new Dictionary<string, SetCookieHeaderValue>(browser.Cookies);
        (await AuthAsync(_firstClient, captured)).ShouldBe(HttpStatusCode.Forbidden, "signed in: no instance there, but she is known");
        IsLogto(await SignInWithAsync(_firstClient, captured)).ShouldBeFalse("a live session mints a fresh access cookie without Logto");

        using var signedOut = await browser.SignOutAsync();
        IsLogto(signedOut.Headers.Location!).ShouldBeTrue("sign-out ends the Logto session too");

        (await AuthAsync(_firstClient, captured)).ShouldBe(HttpStatusCode.Unauthorized);
        IsLogto(await SignInWithAsync(_firstClient, captured)).ShouldBeTrue("the revoked session no longer mints access cookies");
    }

    [Fact]
    public async Task A_sign_out_on_one_replica_is_honoured_by_the_other_within_about_a_second()
    {
        var browser = new GatewaySignIn(_firstClient, _first.Logto.Endpoint);
        await browser.SignInAsync(LogtoDemoUsers.Alice.Id);
        var captured = new Dictionary<string, SetCookieHeaderValue>(browser.Cookies);
        (await AuthAsync(_secondClient, captured)).ShouldBe(HttpStatusCode.Forbidden, "the other replica reads the same cookies");
        IsLogto(await SignInWithAsync(_secondClient, captured)).ShouldBeFalse();

        using var signedOut = await browser.SignOutAsync();

        await Eventually.HoldsAsync(
            async () => await AuthAsync(_secondClient, captured) == HttpStatusCode.Unauthorized,
            "the other replica refuses the revoked access cookie", TimeSpan.FromSeconds(3));
        IsLogto(await SignInWithAsync(_secondClient, captured)).ShouldBeTrue("the other replica no longer mints from the revoked session");
    }
}
