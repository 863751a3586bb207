using System.Net;
using AigcGateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AigcGateway.Tests.ForwardAuth;

/// <summary>
/// Checks the nginx harness itself against a stand-in for the gateway, so that the forward-auth tests that use it
/// with the real gateway test the gateway and not the harness.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class NginxIngressHarnessTests : IAsyncLifetime
{
    private WebApplication _stub = null!;
    private NginxIngress _nginx = null!;
    private readonly List<string?> _originalUrls = [];

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _stub = builder.Build();
        _stub.MapGet("/auth", (HttpRequest request) =>
        {
            var original = request.Headers["X-Original-URL"].ToString();
            lock (_originalUrls)
            {
                _originalUrls.Add(original);
            }

            if (request.Cookies["who"] is not { } who)
            {
                return Results.StatusCode(401);
            }

            return original.StartsWith($"http://{who}.aigc.test", StringComparison.Ordinal)
                ? Results.Ok()
                : Results.StatusCode(403);
        });
        _stub.MapGet("/{**path}", (HttpRequest request) => Results.Text($"backend {request.Host.Host} {request.Path}"));
        await _stub.StartAsync(Xunit.TestContext.Current.CancellationToken);
        var address = new Uri(_stub.Urls.First());
        _nginx = await NginxIngress.StartAsync("dashboard.aigc.test", address, "aigc.test", address, Xunit.TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _stub.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string host, string path, string? cookie = null)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_nginx.Port}{path}");
        request.Headers.Host = $"{host}:{_nginx.Port}";
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await client.SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_401_from_auth_becomes_a_redirect_to_sign_in_with_the_original_url()
    {
        var response = await GetAsync("alice.aigc.test", "/some/page?x=1");

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.ToString().ShouldBe(
            $"http://dashboard.aigc.test:{_nginx.Port}/sign-in?rd=http://alice.aigc.test:{_nginx.Port}%2Fsome%2Fpage%3Fx%3D1");
    }

    [Fact]
    public async Task A_200_from_auth_lets_the_request_through_to_the_instance()
    {
        var response = await GetAsync("alice.aigc.test", "/app", "who=alice");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken)).ShouldBe("backend alice.aigc.test /app");
        lock (_originalUrls)
        {
            _originalUrls.ShouldContain($"http://alice.aigc.test:{_nginx.Port}/app");
        }
    }

    [Fact]
    public async Task A_403_from_auth_is_passed_to_the_browser()
    {
        var response = await GetAsync("bob.aigc.test", "/", "who=alice");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
