using AigcGateway.Tests.Infrastructure;
using AigcGateway.Tests.Infrastructure.Ingress;
using AigcGateway.Web.Auth;

namespace AigcGateway.Tests.ForwardAuth;

/// <summary>
/// Security issue #22, part 6: what reaches an instance's engine through a template the administration form writes.
/// The engine must see its own cookies but never the gateway's access cookie (it could replay it against the owner's
/// other instances), and identity headers only as <c>/auth</c> set them, never as the client sent them.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
[Collection(IngressClusterCollection.Name)]
public sealed class EngineHeadersTests(IngressClusterFixture cluster)
{
    private IngressClusterEnvironment Env => cluster.Env;

    private Task<RawHttpResponse> AliceGetsAsync(string cookies, params string[] headers) =>
        Env.SendAsync("GET /app HTTP/1.1", [$"Host: {IngressClusterFixture.LabHost(cluster.AliceLab)}:{Env.Port}", $"Cookie: {cookies}", .. headers]);

    [Fact]
    public async Task The_engine_gets_its_own_cookies_but_not_the_access_cookie()
    {
        var response = await AliceGetsAsync($"engine_theme=dark; {Env.AccessCookie(IngressClusterFixture.Alice)}; engine_session=abc");

        var cookie = response.Echo.ShouldNotBeNull()["cookie"]!.GetValue<string>();
        cookie.ShouldBe("engine_theme=dark; engine_session=abc");
        cookie.ShouldNotContain(InstanceAccessCookie.Name);
    }

    [Fact]
    public async Task Without_other_cookies_the_engine_gets_no_cookie_header()
    {
        var response = await AliceGetsAsync(Env.AccessCookie(IngressClusterFixture.Alice));

        response.Echo.ShouldNotBeNull()["cookie"]!.GetValue<string>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_client_sent_identity_header_does_not_reach_the_engine()
    {
        var response = await AliceGetsAsync(Env.AccessCookie(IngressClusterFixture.Alice), "X-Auth-Request-User: victim", "X-Auth-Request-Email: victim@example.com");

        var echo = response.Echo.ShouldNotBeNull();
        echo["user"]!.GetValue<string>().ShouldBe(IngressClusterFixture.Alice);
        echo["email"]!.GetValue<string>().ShouldBe(IngressClusterFixture.Alice + "@example.com");
    }
}
