using System.Collections.Immutable;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Tests.Infrastructure.Ingress;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AigcGateway.Tests.ForwardAuth;

/// <summary>
/// Checks the second harness shape (Ingresses rendered as ingress-nginx renders them) against a stand-in for the
/// gateway, so that the tests that use it with the real gateway test the gateway, and so that the harness shows the
/// ingress-nginx behaviours of reality.md: one server per host, plain-prefix ImplementationSpecific paths, the server
/// block chosen from an absolute-form request line while X-Original-URL comes from the Host header, and
/// auth-response-headers replacing the client's headers of the same name.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class IngressNginxHarnessTests : IAsyncLifetime
{
    private readonly List<(string? Host, string OriginalUrl)> _authRequests = [];
    private WebApplication _stub = null!;
    private PortReservation _port = null!;
    private LoopbackDns _dns = null!;
    private InstanceBackends _backends = null!;
    private NginxIngress _nginx = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _stub = builder.Build();
        _stub.MapGet("/auth", (HttpRequest request, HttpResponse response) =>
        {
            lock (_authRequests)
            {
                _authRequests.Add((request.Query["host"].SingleOrDefault(), request.Headers["X-Original-URL"].ToString()));
            }

            response.Headers.SetCookie = "renewed=1; Path=/";
            if (request.Cookies["who"] is not { } who)
            {
                return Results.StatusCode(401);
            }

            response.Headers["X-Auth-Request-User"] = who;
            if (request.Cookies["keep"] is { } keep)
            {
                response.Headers.Cookie = $"keep={keep}";
            }

            return Results.Ok();
        });
        await _stub.StartAsync(ct);

        _port = PortReservation.Loopback();
        _dns = LoopbackDns.Start("dashboard.aigc.test");
        var annotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            [RenderedIngress.AuthUrl] = $"http://dashboard.aigc.test:{_port.Port}/auth?host=$host",
            [RenderedIngress.AuthSignin] = $"http://dashboard.aigc.test:{_port.Port}/sign-in",
            [RenderedIngress.AuthResponseHeaders] = "X-Auth-Request-User, Cookie",
        });
        RenderedIngress[] ingresses =
        [
            new("aigc", "lab-1", "lab-1.aigc.test", [new("/", "ImplementationSpecific", 7860)], annotations),
            new("aigc", "pool-1", "pool.aigc.test", [new("/u-1", "ImplementationSpecific", 7860)], annotations),
            new("aigc", "pool-2", "pool.aigc.test", [new("/p-2", "Prefix", 7860)], annotations),
            new("aigc", "any", "*.aigc.test", [new("/", "ImplementationSpecific", 7860)], annotations),
        ];
        _backends = await InstanceBackends.StartAsync(ingresses.Select(i => i.Name), ct);
        _nginx = await NginxIngress.StartAsync(
            "dashboard.aigc.test", new Uri(_stub.Urls.First()), ingresses, (i, _) => _backends.AddressOf(i.Name), _backends.DefaultBackend, _dns, _port, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _backends.DisposeAsync();
        await _dns.DisposeAsync();
        _port.Dispose();
        await _stub.DisposeAsync();
    }

    private Task<RawHttpResponse> GetAsync(string host, string path, params string[] headers) =>
        SendAsync($"GET {path} HTTP/1.1", [$"Host: {host}:{_nginx.Port}", .. headers]);

    private Task<RawHttpResponse> SendAsync(string requestLine, params string[] headers) =>
        RawHttpResponse.SendAsync(_nginx.Port, requestLine, headers);

    [Fact]
    public async Task Each_ingress_host_has_its_own_server_exact_hosts_win_over_wildcards_and_other_hosts_get_404()
    {
        (await GetAsync("lab-1.aigc.test", "/x", "Cookie: who=alice")).ServedBy.ShouldBe("lab-1");
        (await GetAsync("lab-2.aigc.test", "/x", "Cookie: who=alice")).ServedBy.ShouldBe("any");
        (await GetAsync("lab-2.other.test", "/x", "Cookie: who=alice")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task ImplementationSpecific_paths_are_plain_prefixes_and_Prefix_paths_match_whole_segments()
    {
        (await GetAsync("pool.aigc.test", "/u-1/app", "Cookie: who=alice")).ServedBy.ShouldBe("pool-1");
        (await GetAsync("pool.aigc.test", "/u-11/app", "Cookie: who=alice")).ServedBy.ShouldBe("pool-1");
        (await GetAsync("pool.aigc.test", "/p-2", "Cookie: who=alice")).ServedBy.ShouldBe("pool-2");
        (await GetAsync("pool.aigc.test", "/p-2/app", "Cookie: who=alice")).ServedBy.ShouldBe("pool-2");
        (await GetAsync("pool.aigc.test", "/p-22/app", "Cookie: who=alice")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task An_absolute_form_request_line_chooses_the_server_while_X_Original_URL_comes_from_the_Host_header()
    {
        var response = await SendAsync("GET http://lab-1.aigc.test/secret HTTP/1.1", $"Host: pool.aigc.test:{_nginx.Port}", "Cookie: who=mallory");

        response.ServedBy.ShouldBe("lab-1");
        lock (_authRequests)
        {
            // The auth-url's $host is the server block's host: what the gateway binds its decision to.
            _authRequests.ShouldContain(($"lab-1.aigc.test", $"http://pool.aigc.test:{_nginx.Port}/secret"));
        }
    }

    [Fact]
    public async Task Listed_auth_response_headers_replace_the_clients_headers_and_unlisted_ones_pass_through()
    {
        var response = await GetAsync(
            "lab-1.aigc.test", "/", "Cookie: who=alice; keep=own", "X-Auth-Request-User: victim", "X-Auth-Request-Email: victim@example.com");

        var echo = response.Echo.ShouldNotBeNull();
        echo["user"]!.GetValue<string>().ShouldBe("alice");
        echo["cookie"]!.GetValue<string>().ShouldBe("keep=own");
        echo["email"]!.GetValue<string>().ShouldBe("victim@example.com");
        response.HeaderValues("Set-Cookie").ShouldContain("renewed=1; Path=/");
    }

    [Fact]
    public async Task Without_a_Cookie_header_from_auth_the_engine_gets_no_cookies()
    {
        var echo = (await GetAsync("lab-1.aigc.test", "/", "Cookie: who=alice; other=1")).Echo.ShouldNotBeNull();

        echo["cookie"]!.GetValue<string>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_401_from_auth_becomes_a_redirect_to_auth_signin_with_the_return_address()
    {
        var response = await GetAsync("pool.aigc.test", "/u-1/page?x=1");

        response.Status.ShouldBe(302);
        response.HeaderValues("Location").ShouldBe(
            [$"http://dashboard.aigc.test:{_nginx.Port}/sign-in?rd=http://pool.aigc.test:{_nginx.Port}%2Fu-1%2Fpage%3Fx%3D1"]);
    }
}
