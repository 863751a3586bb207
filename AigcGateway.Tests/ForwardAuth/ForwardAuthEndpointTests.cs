using System.Net;
using AigcGateway.Core.Access;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Emulators.Logto;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.ForwardAuth;

/// <summary><c>/auth</c> over HTTP with the gateway's real cookie protection; no answer is 200 for anyone but the owner.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class ForwardAuthEndpointTests : IAsyncLifetime
{
    private static readonly TemplateRef SdCpu = new("aigc", "sd-cpu");
    private readonly GatewayAppFactory _app = new();
    private HttpClient _client = null!;
    private string _aliceUrl = null!;
    private string _bobUrl = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var instances = _app.Services.GetRequiredService<IInstanceService>();
        await instances.WaitForReadyAsync();
        (await instances.InstallAsync(LogtoDemoUsers.Alice.Id, SdCpu, Xunit.TestContext.Current.CancellationToken)).Succeeded.ShouldBeTrue();
        (await instances.InstallAsync(LogtoDemoUsers.Bob.Id, SdCpu, Xunit.TestContext.Current.CancellationToken)).Succeeded.ShouldBeTrue();
        _aliceUrl = (await instances.WaitForStateAsync(LogtoDemoUsers.Alice.Id, SdCpu, InstanceState.Running)).Url!.ToString();
        _bobUrl = (await instances.WaitForStateAsync(LogtoDemoUsers.Bob.Id, SdCpu, InstanceState.Running)).Url!.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private string CookieFor(string userId, TimeProvider? time = null, IDataProtectionProvider? keys = null, bool admin = false) =>
        new InstanceAccessCookie(
                keys ?? _app.Services.GetRequiredService<IDataProtectionProvider>(),
                time ?? TimeProvider.System,
                _app.Services.GetRequiredService<IOptions<GatewayOptions>>())
            .Protect(userId, userId + "@example.com", admin);

    private async Task<HttpResponseMessage> AuthAsync(string? cookie, string url, string path = "/auth", HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Original-URL", url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{InstanceAccessCookie.Name}={cookie}");
        }

        return await (client ?? _client).SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_owner_gets_200_with_her_identity_headers_and_the_visit_is_stamped()
    {
        using var response = await AuthAsync(CookieFor(LogtoDemoUsers.Alice.Id), _aliceUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("X-Auth-Request-User").ShouldBe([LogtoDemoUsers.Alice.Id]);
        response.Headers.GetValues("X-Auth-Request-Email").ShouldBe([LogtoDemoUsers.Alice.Id + "@example.com"]);
        var instance = (await _app.Services.GetRequiredService<IInstanceService>().DashboardAsync(LogtoDemoUsers.Alice.Id)).InstanceOf(SdCpu)!;
        _app.Services.GetRequiredService<InstanceActivity>().LastActivity(instance.Ref).ShouldNotBeNull();
    }

    [Fact]
    public async Task Someone_elses_instance_answers_403_without_a_page()
    {
        using var response = await AuthAsync(CookieFor(LogtoDemoUsers.Alice.Id), _bobUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    public static TheoryData<string> BadCookies => new() { "none", "empty", "garbage", "tampered", "expired", "foreign-keys", "dashboard-session-name" };

    [Theory]
    [MemberData(nameof(BadCookies))]
    public async Task Without_a_valid_cookie_the_answer_is_401_never_a_redirect(string kind)
    {
        var valid = CookieFor(LogtoDemoUsers.Alice.Id);
        var cookie = kind switch
        {
            "none" => null,
            "empty" => "",
            "garbage" => "bm90LWEtY29va2ll",
            "tampered" => valid[..^4] + (valid[^4] == 'A' ? "B" : "A") + valid[^3..],
            "expired" => CookieFor(LogtoDemoUsers.Alice.Id, new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2))),
            "foreign-keys" => CookieFor(LogtoDemoUsers.Alice.Id, keys: DataProtectionProvider.Create("another-deployment")),
            _ => null,
        };

        using var response = kind == "dashboard-session-name"
            ? await SendWithCookieAsync($"{GatewayAuthentication.SessionCookieName}={valid}")
            : await AuthAsync(cookie, _aliceUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> SendWithCookieAsync(string cookieHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth");
        request.Headers.Add("X-Original-URL", _aliceUrl);
        request.Headers.Add("Cookie", cookieHeader);
        return await _client.SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Duplicated_original_url_headers_are_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth");
        request.Headers.Add("X-Original-URL", [_aliceUrl, _bobUrl]);
        request.Headers.Add("Cookie", $"{InstanceAccessCookie.Name}={CookieFor(LogtoDemoUsers.Alice.Id)}");

        using var response = await _client.SendAsync(request, Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_administrator_is_refused_at_a_users_instance_unless_the_operator_allows_it()
    {
        using var response = await AuthAsync(CookieFor(LogtoDemoUsers.Admin.Id, admin: true), _aliceUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_server_block_host_nginx_sends_in_the_auth_url_must_be_the_host_of_the_original_url()
    {
        var cookie = CookieFor(LogtoDemoUsers.Alice.Id);
        var aliceHost = new Uri(_aliceUrl).Host;
        var bobHost = new Uri(_bobUrl).Host;

        using var own = await AuthAsync(cookie, _aliceUrl, $"/auth?host={aliceHost}");
        using var other = await AuthAsync(cookie, _aliceUrl, $"/auth?host={bobHost}");
        using var twice = await AuthAsync(cookie, _aliceUrl, $"/auth?host={aliceHost}&host={aliceHost}");

        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        twice.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task With_RequireHostBinding_an_auth_url_without_the_host_parameter_is_refused()
    {
        await using var app = new GatewayAppFactory().WithSetting("Gateway:RequireHostBinding", "true");
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var instances = app.Services.GetRequiredService<IInstanceService>();
        await instances.WaitForReadyAsync();
        (await instances.InstallAsync(LogtoDemoUsers.Alice.Id, SdCpu, Xunit.TestContext.Current.CancellationToken)).Succeeded.ShouldBeTrue();
        var url = (await instances.WaitForStateAsync(LogtoDemoUsers.Alice.Id, SdCpu, InstanceState.Running)).Url!;
        var cookie = new InstanceAccessCookie(
                app.Services.GetRequiredService<IDataProtectionProvider>(), TimeProvider.System, app.Services.GetRequiredService<IOptions<GatewayOptions>>())
            .Protect(LogtoDemoUsers.Alice.Id, null);

        using var legacy = await AuthAsync(cookie, url.ToString(), client: client);
        using var bound = await AuthAsync(cookie, url.ToString(), $"/auth?host={url.Host}", client);

        legacy.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        bound.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_200_answer_gives_nginx_the_requests_cookies_without_the_gateways_for_the_engine()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth");
        request.Headers.Add("X-Original-URL", _aliceUrl);
        request.Headers.Add("Cookie", $"theme=dark; {InstanceAccessCookie.Name}={CookieFor(LogtoDemoUsers.Alice.Id)}; {GatewayAuthentication.SessionCookieName}=x");
        using var withOthers = await _client.SendAsync(request, Xunit.TestContext.Current.CancellationToken);
        using var alone = await AuthAsync(CookieFor(LogtoDemoUsers.Alice.Id), _aliceUrl);

        withOthers.StatusCode.ShouldBe(HttpStatusCode.OK);
        withOthers.Headers.GetValues("Cookie").ShouldBe(["theme=dark"]);
        alone.StatusCode.ShouldBe(HttpStatusCode.OK);
        alone.Headers.Contains("Cookie").ShouldBeFalse();
    }
}
