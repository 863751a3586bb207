using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Web;

/// <summary>
/// Behind ingress-nginx the gateway sees plain http from the proxy: it believes X-Forwarded-Proto only from the
/// proxies it trusts (loopback and private networks by default, <c>Gateway:TrustedProxies</c> otherwise).
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class ForwardedHeadersTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<string> CultureCookieAsync(KestrelGatewayAppFactory app)
    {
        var address = app.Start();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/culture/en?returnUrl=%2F");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await client.SendAsync(request, Ct);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_scheme_a_trusted_proxy_reports_is_the_requests_scheme()
    {
        await using var app = new KestrelGatewayAppFactory();

        (await CultureCookieAsync(app)).ShouldContain("secure");
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_address_are_ignored()
    {
        await using var app = new KestrelGatewayAppFactory();
        app.WithSetting("Gateway:TrustedProxies", "10.20.0.0/16");

        (await CultureCookieAsync(app)).ShouldNotContain("secure");
    }
}
