using System.Text.Json;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.LogtoEmulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class LogtoDiscoveryTests
{
    [Fact]
    public async Task Discovery_names_the_oidc_issuer_and_logto_endpoint_paths()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var body = await LogtoTestBrowser.ReadAsync(await browser.GetAsync("/oidc/.well-known/openid-configuration"));
        var doc = JsonDocument.Parse(body).RootElement;

        var e = emulator.EndpointText;
        doc.GetProperty("issuer").GetString().ShouldBe(e + "/oidc");
        doc.GetProperty("authorization_endpoint").GetString().ShouldBe(e + "/oidc/auth");
        doc.GetProperty("token_endpoint").GetString().ShouldBe(e + "/oidc/token");
        doc.GetProperty("userinfo_endpoint").GetString().ShouldBe(e + "/oidc/me");
        doc.GetProperty("jwks_uri").GetString().ShouldBe(e + "/oidc/jwks");
        doc.GetProperty("end_session_endpoint").GetString().ShouldBe(e + "/oidc/session/end");
    }

    [Fact]
    public async Task Discovery_advertises_es384_s256_secret_basic_and_post_and_the_iss_parameter()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var doc = JsonDocument.Parse(await LogtoTestBrowser.ReadAsync(
            await browser.GetAsync("/oidc/.well-known/openid-configuration"))).RootElement;

        Strings(doc, "id_token_signing_alg_values_supported").ShouldBe(["ES384"]);
        Strings(doc, "code_challenge_methods_supported").ShouldBe(["S256"]);
        Strings(doc, "token_endpoint_auth_methods_supported").ShouldBe(["client_secret_basic", "client_secret_post"], ignoreOrder: true);
        Strings(doc, "response_types_supported").ShouldContain("code");
        Strings(doc, "grant_types_supported").ShouldContain("authorization_code");
        Strings(doc, "grant_types_supported").ShouldContain("client_credentials");
        doc.GetProperty("authorization_response_iss_parameter_supported").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Discovery_lists_the_logto_scopes_without_the_management_scope()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var doc = JsonDocument.Parse(await LogtoTestBrowser.ReadAsync(
            await browser.GetAsync("/oidc/.well-known/openid-configuration"))).RootElement;

        Strings(doc, "scopes_supported").ShouldBe(["openid", "offline_access", "profile", "email", "custom_data", "roles"], ignoreOrder: true);
    }

    private static List<string?> Strings(JsonElement doc, string name) =>
        [.. doc.GetProperty(name).EnumerateArray().Select(e => e.GetString())];
}
