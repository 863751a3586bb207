using System.Net;
using System.Text.Json.Nodes;
using AigcGateway.Tests.Logto;
using AigcGateway.Web.Auth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AigcGateway.Tests.Auth;

/// <summary>The whole authorization-code round trip against the fake Logto: ES384 ID token, userinfo, cookies, rd.</summary>
public sealed class SignInRoundTripTests : IAsyncLifetime
{
    private FakeLogtoServer _logto = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _logto = await FakeLogtoServer.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _logto.DisposeAsync();

    private Task<AuthTestHost> StartHostAsync(string appSecret = FakeLogtoServer.WebAppSecret)
    {
        var settings = GatewayConfigurationTests.ValidSettings();
        settings["Logto:Endpoint"] = _logto.Endpoint.AbsoluteUri;
        settings["Logto:AppId"] = FakeLogtoServer.WebAppId;
        settings["Logto:AppSecret"] = appSecret;
        return AuthTestHost.StartAsync(settings, null, Ct);
    }

    private static JsonObject Alice(params string[] roles) => new()
    {
        ["sub"] = "u1abc",
        ["name"] = "Alice",
        ["username"] = "alice",
        ["email"] = "alice@example.test",
        ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]),
    };

    /// <summary>Starts sign-in, lets the fake Logto "authenticate" the user, and follows the browser back to the callback.</summary>
    private async Task<HttpResponseMessage> SignInAsync(AuthTestHost host, JsonObject user, string rd)
    {
        using var start = await host.Client.GetAsync("/sign-in?rd=" + Uri.EscapeDataString(rd), Ct);
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = QueryHelpers.ParseQuery(start.Headers.Location!.Query);
        _logto.Codes["code-1"] = (authorize["nonce"].ToString(), user);

        var callback = $"/sign-in-callback?code=code-1&state={Uri.EscapeDataString(authorize["state"].ToString())}" +
            $"&iss={Uri.EscapeDataString(_logto.Endpoint.AbsoluteUri.TrimEnd('/') + "/oidc")}";
        using var request = AuthTestHost.Get(callback, AuthTestHost.Cookies(start));
        return await host.Client.SendAsync(request, Ct);
    }

    private static async Task<HttpResponseMessage> GetAsync(AuthTestHost host, string url, IReadOnlyDictionary<string, SetCookieHeaderValue> cookies)
    {
        using var request = AuthTestHost.Get(url, cookies);
        return await host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task After_sign_in_the_user_returns_to_rd_with_both_cookies()
    {
        await using var host = await StartHostAsync();

        using var callback = await SignInAsync(host, Alice(), "https://sd-1.example.test/app");

        callback.Headers.Location!.AbsoluteUri.ShouldBe("https://sd-1.example.test/app");
        var cookies = AuthTestHost.Cookies(callback);
        cookies.ShouldContainKey(GatewayAuthentication.SecureSessionCookieName);
        cookies.ShouldContainKey(InstanceAccessCookie.Name);
    }

    [Fact]
    public async Task The_session_carries_the_users_display_name()
    {
        await using var host = await StartHostAsync();
        using var callback = await SignInAsync(host, Alice(), "/");

        using var me = await GetAsync(host, "/test/me", AuthTestHost.Cookies(callback));

        (await me.Content.ReadAsStringAsync(Ct)).ShouldBe("Alice");
    }

    [Fact]
    public async Task The_admin_role_in_the_id_token_opens_the_administrator_policy()
    {
        await using var host = await StartHostAsync();
        using var callback = await SignInAsync(host, Alice("aigc-admin"), "/");

        using var admin = await GetAsync(host, "/test/admin", AuthTestHost.Cookies(callback));

        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Other_roles_do_not_open_the_administrator_policy()
    {
        await using var host = await StartHostAsync();
        using var callback = await SignInAsync(host, Alice("viewer"), "/");

        using var admin = await GetAsync(host, "/test/admin", AuthTestHost.Cookies(callback));

        admin.Headers.Location!.AbsolutePath.ShouldBe("/access-denied");
    }

    [Fact]
    public async Task An_empty_roles_claim_is_an_answer_and_sign_in_asks_the_management_api_nothing()
    {
        // Logto 1.22 sends "roles": [] for a user without roles; only an absent claim (Logto 1.4) needs the Management API.
        await using var host = await StartHostAsync();
        using var callback = await SignInAsync(host, Alice(), "/");

        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var admin = await GetAsync(host, "/test/admin", AuthTestHost.Cookies(callback));
        admin.Headers.Location!.AbsolutePath.ShouldBe("/access-denied");
        _logto.Requests.ShouldNotContain(r => r.Contains("/roles", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_roles_claim_sign_in_reads_the_role_through_the_management_api()
    {
        await using var host = await StartHostAsync();
        var alice = Alice();
        alice.Remove("roles");
        _logto.Users["u1abc"] = new JsonObject { ["id"] = "u1abc", ["username"] = "alice" };
        _logto.Roles["u1abc"] = ["aigc-admin"];
        using var callback = await SignInAsync(host, alice, "/");

        using var admin = await GetAsync(host, "/test/admin", AuthTestHost.Cookies(callback));

        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
        _logto.Requests.ShouldContain(r => r.Contains("/api/users/u1abc/roles", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_client_secret_shows_the_readable_error_page()
    {
        await using var host = await StartHostAsync(appSecret: "wrong");

        using var callback = await SignInAsync(host, Alice(), "/");

        callback.Headers.Location!.OriginalString.ShouldBe("/sign-in-error?reason=invalid_client");
    }

    [Fact]
    public async Task An_id_token_from_another_issuer_shows_the_readable_error_page()
    {
        await using var host = await StartHostAsync();
        _logto.IdTokenIssuer = "https://evil.test/oidc";

        using var callback = await SignInAsync(host, Alice(), "/");

        callback.Headers.Location!.OriginalString.ShouldBe("/sign-in-error?reason=invalid_token");
    }
}
