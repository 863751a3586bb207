using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using LogtoServer = AigcGateway.Emulators.Logto.LogtoEmulator;

namespace AigcGateway.Tests.LogtoEmulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class LogtoCodeFlowTests
{
    [Fact]
    public async Task Jwks_publishes_an_ec_p384_key_that_verifies_the_es384_id_token()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        var tokens = await browser.SignInAndExchangeAsync(LogtoDemoUsers.Alice.Id);

        var jwks = new JsonWebKeySet(await LogtoTestBrowser.ReadAsync(await browser.GetAsync("/oidc/jwks")));
        var key = jwks.Keys.ShouldHaveSingleItem();
        key.Kty.ShouldBe("EC");
        key.Crv.ShouldBe("P-384");

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.GetProperty("id_token").GetString(), new TokenValidationParameters
        {
            ValidIssuer = emulator.Issuer,
            ValidAudience = LogtoTestSetup.WebApp.ClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        ((JsonWebToken)result.SecurityToken).Alg.ShouldBe("ES384");
    }

    [Fact]
    public async Task Authorization_response_carries_code_state_and_iss()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var callback = await browser.SignInAsync(LogtoDemoUsers.Alice.Id);

        callback.GetLeftPart(UriPartial.Path).ShouldBe(LogtoTestSetup.RedirectUri);
        var query = LogtoTestBrowser.Query(callback);
        query["code"].ShouldNotBeNullOrEmpty();
        query["state"].ShouldBe("st4te");
        query["iss"].ShouldBe(emulator.Issuer);
    }

    [Fact]
    public async Task Code_exchange_with_client_secret_basic_returns_opaque_access_token_and_id_token()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        var code = LogtoTestBrowser.Query(await browser.SignInAsync(LogtoDemoUsers.Alice.Id))["code"];

        var body = JsonDocument.Parse(await LogtoTestBrowser.ReadAsync(await browser.ExchangeAsync(code))).RootElement;

        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("id_token").GetString().ShouldNotBeNullOrEmpty();
        var accessToken = body.GetProperty("access_token").GetString()!;
        new JsonWebTokenHandler().CanReadToken(accessToken).ShouldBeTrue();
        new JsonWebToken(accessToken).Alg.ShouldNotBe("ES384"); // encrypted (JWE): opaque to the client
        body.TryGetProperty("refresh_token", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Code_exchange_with_client_secret_post_is_accepted()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        var code = LogtoTestBrowser.Query(await browser.SignInAsync(LogtoDemoUsers.Bob.Id))["code"];

        using var response = await browser.ExchangeAsync(code, post: true);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Code_exchange_with_a_wrong_secret_is_refused_with_a_logto_error_body()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        var code = LogtoTestBrowser.Query(await browser.SignInAsync(LogtoDemoUsers.Bob.Id))["code"];

        using var response = await browser.ExchangeAsync(code, secret: "wrong");

        ((int)response.StatusCode).ShouldBeInRange(400, 401);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken)).RootElement;
        body.GetProperty("error").GetString().ShouldBe("invalid_client");
        body.GetProperty("code").GetString().ShouldBe("oidc.invalid_client");
        body.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Id_token_of_the_administrator_carries_profile_email_and_roles_array()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var tokens = await browser.SignInAndExchangeAsync(LogtoDemoUsers.Admin.Id);
        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(idToken.EncodedPayload)).RootElement;

        payload.GetProperty("sub").GetString().ShouldBe(LogtoDemoUsers.Admin.Id);
        payload.GetProperty("iss").GetString().ShouldBe(emulator.Issuer);
        payload.GetProperty("name").GetString().ShouldBe(LogtoDemoUsers.Admin.Name);
        payload.GetProperty("username").GetString().ShouldBe("admin");
        payload.GetProperty("email").GetString().ShouldBe("admin@example.com");
        payload.GetProperty("email_verified").GetBoolean().ShouldBeTrue();
        payload.GetProperty("roles").ValueKind.ShouldBe(JsonValueKind.Array);
        payload.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["aigc-admin"]);
        payload.TryGetProperty("custom_data", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Userinfo_returns_custom_data()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        emulator.SetCustomData(LogtoDemoUsers.Alice.Id, new JsonObject { ["gpu"] = new JsonObject { ["id"] = 3 } });
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        var tokens = await browser.SignInAndExchangeAsync(LogtoDemoUsers.Alice.Id);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/oidc/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var body = JsonDocument.Parse(await LogtoTestBrowser.ReadAsync(
            await browser.Http.SendAsync(request, Xunit.TestContext.Current.CancellationToken))).RootElement;

        body.GetProperty("sub").GetString().ShouldBe(LogtoDemoUsers.Alice.Id);
        body.GetProperty("custom_data").GetProperty("gpu").GetProperty("id").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Userinfo_refuses_an_access_token_issued_for_a_resource()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        var resource = "&resource=" + Uri.EscapeDataString(LogtoServer.ManagementApiResource);
        var callback = await browser.SignInAsync(LogtoDemoUsers.Alice.Id, browser.AuthorizeUrl(extra: resource));
        var tokens = JsonDocument.Parse(await LogtoTestBrowser.ReadAsync(
            await browser.ExchangeAsync(LogtoTestBrowser.Query(callback)["code"]))).RootElement;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/oidc/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await browser.Http.SendAsync(request, Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_second_authorization_with_a_session_signs_in_silently()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        await browser.SignInAsync(LogtoDemoUsers.Bob.Id);

        var callback = await browser.FollowToClientAsync(browser.AuthorizeUrl(extra: "&prompt=none"));

        LogtoTestBrowser.Query(callback)["code"].ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Prompt_login_shows_the_sign_in_page_despite_a_session()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        await browser.SignInAsync(LogtoDemoUsers.Bob.Id);

        using var response = await browser.GetAsync(browser.AuthorizeUrl(extra: "&prompt=login"));

        response.Headers.Location!.OriginalString.ShouldStartWith("/sign-in?");
    }

    [Fact]
    public async Task Prompt_none_without_a_session_gives_login_required()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var callback = await browser.FollowToClientAsync(browser.AuthorizeUrl(extra: "&prompt=none"));

        LogtoTestBrowser.Query(callback)["error"].ShouldBe("login_required");
    }

    [Fact]
    public async Task Offline_access_is_dropped_so_no_refresh_token_is_issued()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var tokens = await browser.SignInAndExchangeAsync(LogtoDemoUsers.Alice.Id, "openid profile offline_access");

        tokens.TryGetProperty("refresh_token", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_with_a_logto_error_body()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        var url = browser.AuthorizeUrl().Replace(
            Uri.EscapeDataString(LogtoTestSetup.RedirectUri), Uri.EscapeDataString("https://evil.test/cb"), StringComparison.Ordinal);

        using var response = await browser.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken)).RootElement;
        body.GetProperty("code").GetString().ShouldBe("oidc.invalid_redirect_uri");
    }

    [Fact]
    public async Task A_user_created_on_the_sign_in_page_signs_in()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        using var start = await browser.GetAsync(browser.AuthorizeUrl());
        var returnUrl = Uri.UnescapeDataString(start.Headers.Location!.OriginalString["/sign-in?returnUrl=".Length..]);

        using var created = await browser.Http.PostAsync("/sign-in/create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "carol",
            ["name"] = "Carol",
            ["email"] = "carol@example.com",
            ["returnUrl"] = returnUrl,
        }), Xunit.TestContext.Current.CancellationToken);
        var callback = await browser.FollowToClientAsync(created.Headers.Location!.OriginalString);

        var carol = emulator.Users.Single(u => u.Username == "carol");
        carol.Id.ShouldMatch("^[0-9a-z]{12}$");
        var tokens = JsonDocument.Parse(await LogtoTestBrowser.ReadAsync(
            await browser.ExchangeAsync(LogtoTestBrowser.Query(callback)["code"]))).RootElement;
        new JsonWebToken(tokens.GetProperty("id_token").GetString()).Subject.ShouldBe(carol.Id);
    }

    [Fact]
    public async Task Form_post_response_mode_answers_a_self_submitting_form_with_code_state_and_iss()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        await browser.SignInAsync(LogtoDemoUsers.Alice.Id);

        var html = await LogtoTestBrowser.ReadAsync(await browser.GetAsync(browser.AuthorizeUrl(extra: "&response_mode=form_post")));

        html.ShouldContain($"action=\"{LogtoTestSetup.RedirectUri}\"");
        html.ShouldContain("name=\"code\"");
        html.ShouldContain("name=\"state\" value=\"st4te\"");
        html.ShouldContain($"name=\"iss\" value=\"{emulator.Issuer}\"");
    }

    [Fact]
    public async Task Without_the_roles_scope_like_logto_1_4_the_id_token_has_no_roles()
    {
        await using var emulator = await LogtoServer.StartAsync(
            LogtoTestSetup.Options with { RolesScopeSupported = false }, Xunit.TestContext.Current.CancellationToken);
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var tokens = await browser.SignInAndExchangeAsync(LogtoDemoUsers.Admin.Id);
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(new JsonWebToken(tokens.GetProperty("id_token").GetString()).EncodedPayload)).RootElement;

        payload.TryGetProperty("roles", out _).ShouldBeFalse();
        payload.GetProperty("sub").GetString().ShouldBe(LogtoDemoUsers.Admin.Id);
    }

    [Fact]
    public async Task Roles_given_to_a_user_appear_in_the_next_id_token()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        emulator.SetUserRoles(LogtoDemoUsers.Bob.Id, LogtoDemoUsers.AdminRoleName);
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var tokens = await browser.SignInAndExchangeAsync(LogtoDemoUsers.Bob.Id);
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(new JsonWebToken(tokens.GetProperty("id_token").GetString()).EncodedPayload)).RootElement;

        payload.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["aigc-admin"]);
    }

    [Fact]
    public async Task A_user_without_roles_gets_an_empty_roles_array()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        var tokens = await browser.SignInAndExchangeAsync(LogtoDemoUsers.Alice.Id);
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(new JsonWebToken(tokens.GetProperty("id_token").GetString()).EncodedPayload)).RootElement;

        payload.GetProperty("roles").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_authorization_code_is_good_for_one_exchange_only()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        var code = LogtoTestBrowser.Query(await browser.SignInAsync(LogtoDemoUsers.Alice.Id))["code"];
        using (var first = await browser.ExchangeAsync(code))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var second = await browser.ExchangeAsync(code);

        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken)).RootElement;
        body.GetProperty("code").GetString().ShouldBe("oidc.invalid_grant");
    }

    [Fact]
    public async Task Choosing_a_user_after_prompt_login_completes_the_authorization()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        await browser.SignInAsync(LogtoDemoUsers.Alice.Id);

        var callback = await browser.SignInAsync(LogtoDemoUsers.Bob.Id, browser.AuthorizeUrl(extra: "&prompt=login"));
        var tokens = JsonDocument.Parse(await LogtoTestBrowser.ReadAsync(
            await browser.ExchangeAsync(LogtoTestBrowser.Query(callback)["code"]))).RootElement;

        new JsonWebToken(tokens.GetProperty("id_token").GetString()).Subject.ShouldBe(LogtoDemoUsers.Bob.Id);
    }

    [Fact]
    public async Task Userinfo_without_a_token_answers_401_with_a_bearer_challenge()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);

        using var response = await browser.GetAsync("/oidc/me");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_code_cannot_be_redeemed_by_another_client()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        emulator.RegisterWebApplication(new LogtoWebApplication("otherwebapp", "other-secret", [LogtoTestSetup.RedirectUri], []));
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        var code = LogtoTestBrowser.Query(await browser.SignInAsync(LogtoDemoUsers.Alice.Id))["code"];

        using var request = new HttpRequestMessage(HttpMethod.Post, "/oidc/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = LogtoTestSetup.RedirectUri,
                ["code_verifier"] = browser.CodeVerifier,
            }),
        };
        request.Headers.Authorization = LogtoTestBrowser.Basic("otherwebapp", "other-secret");
        using var response = await browser.Http.SendAsync(request, Xunit.TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_refused()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var browser = new LogtoTestBrowser(emulator.Endpoint);
        using var other = new LogtoTestBrowser(emulator.Endpoint);
        var code = LogtoTestBrowser.Query(await browser.SignInAsync(LogtoDemoUsers.Alice.Id))["code"];

        using var response = await other.ExchangeAsync(code);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
