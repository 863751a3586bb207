using System.Text.Json;

namespace AigcGateway.Tests.LogtoEmulator;

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
}
