using System.Net;
using AigcGateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AigcGateway.Tests.Web;

/// <summary>Response headers of the dashboard behind a TLS-terminating ingress (public URL https).</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private readonly HttpsGatewayAppFactory _https = new();
    private readonly GatewayAppFactory _http = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _https.DisposeAsync();
        await _http.DisposeAsync();
    }

    private static async Task<HttpResponseMessage> GetAsync(GatewayAppFactory factory, string path)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/no/such/page")]
    [InlineData("/sign-in-error?reason=unknown")]
    public async Task Dashboard_responses_forbid_framing_sniffing_and_full_referrers(string path)
    {
        using var response = await GetAsync(_https, path);

        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["strict-origin-when-cross-origin"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["SAMEORIGIN"]);
        response.Headers.GetValues("Content-Security-Policy").ShouldBe(["frame-ancestors 'self'"]);
    }

    [Fact]
    public async Task With_an_https_public_url_every_dashboard_response_asks_for_https_only()
    {
        using var response = await GetAsync(_https, "/");

        response.Headers.GetValues("Strict-Transport-Security").ShouldBe(["max-age=31536000"]);
    }

    [Fact]
    public async Task With_a_plain_http_public_url_there_is_no_hsts()
    {
        using var response = await GetAsync(_http, "/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task Behind_tls_termination_a_request_for_the_https_public_host_is_treated_as_https()
    {
        // the ingress terminated TLS and its X-Forwarded-Proto is not there (or not trusted): the public URL decides
        using var client = _https.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sign-out");
        request.Headers.Host = "dashboard.example.test";

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("__Host-aigc_antiforgery=", StringComparison.Ordinal) && c.Contains("secure"));
    }

    private sealed class HttpsGatewayAppFactory() : GatewayAppFactory(new Uri("https://dashboard.example.test"));
}
