using System.Net;
using AigcGateway.Tests.Logto;
using Microsoft.AspNetCore.WebUtilities;

namespace AigcGateway.Tests.Auth;

/// <summary>
/// Sign-in started on another address than Gateway:PublicUrl (e.g. the listening address the console printed): Logto
/// returns to the public URL, where the browser has no correlation cookie. The error page names both addresses.
/// </summary>
public sealed class SignInWrongHostTests : IAsyncLifetime
{
    private const string Opened = "10.0.0.5:5000";
    private FakeLogtoServer _logto = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _logto = await FakeLogtoServer.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _logto.DisposeAsync();

    private Task<AuthTestHost> StartHostAsync()
    {
        var settings = GatewayConfigurationTests.ValidSettings();
        settings["Logto:Endpoint"] = _logto.Endpoint.AbsoluteUri;
        settings["Logto:AppId"] = FakeLogtoServer.WebAppId;
        settings["Logto:AppSecret"] = FakeLogtoServer.WebAppSecret;
        return AuthTestHost.StartAsync(settings, null, Ct);
    }

    private static async Task<(HttpStatusCode Status, string? Location)> SendAsync(AuthTestHost host, string url, string hostHeader)
    {
        using var request = AuthTestHost.Get(url);
        request.Headers.Host = hostHeader;
        using var response = await host.Client.SendAsync(request, Ct);
        return (response.StatusCode, response.Headers.Location?.OriginalString);
    }

    private static async Task<string> PageAsync(AuthTestHost host, string url, string language)
    {
        using var request = AuthTestHost.Get(url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await host.Client.SendAsync(request, Ct);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Signing_in_from_another_address_than_the_public_url_says_which_address_to_open()
    {
        await using var host = await StartHostAsync();
        var (_, authorize) = await SendAsync(host, "/sign-in", Opened);
        var state = QueryHelpers.ParseQuery(new Uri(authorize!).Query)["state"].ToString();

        // Logto returns to the public URL; the correlation cookie was set for the other address
        var (status, location) = await SendAsync(host, $"/sign-in-callback?code=code-1&state={Uri.EscapeDataString(state)}", "dashboard.example.test");

        status.ShouldBe(HttpStatusCode.Redirect);
        location.ShouldNotBeNull().ShouldStartWith("/sign-in-error?reason=wrong_host");
        var page = await PageAsync(host, location, "en");
        page.ShouldContain("You opened the dashboard at https://10.0.0.5:5000, but it is configured as https://dashboard.example.test; open https://dashboard.example.test");
        (await PageAsync(host, location, "zh-CN")).ShouldContain("https://dashboard.example.test");
    }

    [Fact]
    public async Task A_callback_that_arrives_on_another_host_than_the_public_url_says_so()
    {
        await using var host = await StartHostAsync();
        var (_, authorize) = await SendAsync(host, "/sign-in", "dashboard.example.test");
        var state = QueryHelpers.ParseQuery(new Uri(authorize!).Query)["state"].ToString();

        var (_, location) = await SendAsync(host, $"/sign-in-callback?code=code-1&state={Uri.EscapeDataString(state)}", Opened);

        location.ShouldNotBeNull().ShouldStartWith("/sign-in-error?reason=wrong_host");
        (await PageAsync(host, location, "en")).ShouldContain("You opened the dashboard at https://10.0.0.5:5000");
    }

    [Fact]
    public async Task The_page_never_shows_an_address_that_is_not_a_plain_url()
    {
        await using var host = await StartHostAsync();

        var page = await PageAsync(host, "/sign-in-error?reason=wrong_host&opened=" + Uri.EscapeDataString("javascript:alert(1)//<b>x</b>"), "en");

        page.ShouldNotContain("javascript:");
        page.ShouldNotContain("<b>x</b>");
    }
}
