using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using LogtoServer = AigcGateway.Emulators.Logto.LogtoEmulator;

namespace AigcGateway.Tests.LogtoEmulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class LogtoManagementApiTests
{
    private const string M2mId = "testm2mapp";
    private const string M2mSecret = "test-m2m-secret";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task M2m_token_without_resource_is_refused_with_invalid_target()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = Client(emulator);

        using var response = await RequestTokenAsync(http, resource: null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        body.GetProperty("error").GetString().ShouldBe("invalid_target");
        body.GetProperty("code").GetString().ShouldBe("oidc.invalid_target");
    }

    [Fact]
    public async Task M2m_token_is_an_es384_at_jwt_for_the_management_api_valid_for_an_hour()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = Client(emulator);

        using var response = await RequestTokenAsync(http, LogtoServer.ManagementApiResource);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("expires_in").GetInt32().ShouldBe(3600);
        body.GetProperty("scope").GetString().ShouldBe("all");
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        jwt.Alg.ShouldBe("ES384");
        jwt.Typ.ShouldBe("at+jwt");
        jwt.Audiences.ShouldBe([LogtoServer.ManagementApiResource]);
        jwt.Issuer.ShouldBe(emulator.Issuer);
    }

    [Fact]
    public async Task M2m_token_verifies_with_the_published_jwks()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = Client(emulator);
        var token = await TokenAsync(http);

        var jwks = new JsonWebKeySet(await http.GetStringAsync("/oidc/jwks", Ct));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = emulator.Issuer,
            ValidAudience = LogtoServer.ManagementApiResource,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });

        result.IsValid.ShouldBeTrue(result.Exception?.Message);
    }

    [Fact]
    public async Task A_wrong_m2m_secret_is_refused()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = Client(emulator);

        using var response = await RequestTokenAsync(http, LogtoServer.ManagementApiResource, secret: "nope");

        ((int)response.StatusCode).ShouldBeInRange(400, 401);
    }

    [Fact]
    public async Task Api_calls_without_a_token_answer_401_auth_unauthorized()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = Client(emulator);

        using var response = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ErrorCodeAsync(response)).ShouldBe("auth.unauthorized");
    }

    [Fact]
    public async Task Api_calls_with_a_garbage_token_answer_401()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = Client(emulator);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        using var response = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_calls_answer_403_when_the_m2m_app_lacks_the_management_role()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        emulator.SetManagementApiRole(M2mId, granted: false);
        using var http = await AuthorizedClientAsync(emulator);

        using var response = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}/custom-data", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        body.GetProperty("code").GetString().ShouldBe("auth.forbidden");
        body.GetProperty("message").GetString().ShouldBe("Forbidden. Please check your user roles and permissions.");
    }

    [Fact]
    public async Task Removing_the_role_takes_effect_for_an_already_issued_token()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);
        using (var before = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}", Ct))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        emulator.SetManagementApiRole(M2mId, granted: false);
        using var after = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}", Ct);

        after.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Api_calls_answer_403_when_the_token_lacks_scope_all()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = Client(emulator);
        using var tokenResponse = await RequestTokenAsync(http, LogtoServer.ManagementApiResource, scope: null);
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Get_user_returns_logtos_user_object_with_epoch_millisecond_timestamps()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        var user = JsonDocument.Parse(await http.GetStringAsync($"/api/users/{LogtoDemoUsers.Bob.Id}", Ct)).RootElement;

        user.GetProperty("id").GetString().ShouldBe(LogtoDemoUsers.Bob.Id);
        user.GetProperty("username").GetString().ShouldBe("bob");
        user.GetProperty("primaryEmail").GetString().ShouldBe("bob@example.com");
        user.GetProperty("name").GetString().ShouldBe(LogtoDemoUsers.Bob.Name);
        user.GetProperty("customData").ValueKind.ShouldBe(JsonValueKind.Object);
        user.GetProperty("createdAt").GetInt64().ShouldBeGreaterThan(1_600_000_000_000);
        user.GetProperty("updatedAt").GetInt64().ShouldBeGreaterThan(1_600_000_000_000);
        user.GetProperty("isSuspended").GetBoolean().ShouldBeFalse();
        foreach (var field in new[] { "primaryPhone", "avatar", "identities", "lastSignInAt", "profile", "applicationId", "hasPassword" })
        {
            user.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
    }

    [Fact]
    public async Task Get_unknown_user_answers_404_entity_not_found()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        using var response = await http.GetAsync("/api/users/nosuchuser00", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        body.GetProperty("code").GetString().ShouldBe("entity.not_found");
        body.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Empty_custom_data_reads_as_an_empty_object()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        var body = await http.GetStringAsync($"/api/users/{LogtoDemoUsers.Alice.Id}/custom-data", Ct);

        body.ShouldBe("{}");
    }

    [Fact]
    public async Task Patching_custom_data_merges_top_level_keys_and_stores_null()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        emulator.SetCustomData(LogtoDemoUsers.Alice.Id, new JsonObject { ["gpu"] = "a", ["cpu"] = "b", ["keep"] = new JsonObject { ["x"] = 1 } });
        using var http = await AuthorizedClientAsync(emulator);

        using var response = await http.PatchAsync($"/api/users/{LogtoDemoUsers.Alice.Id}/custom-data",
            Json("""{"customData":{"gpu":"new","cpu":null,"extra":{"y":2}}}"""), Ct);
        var merged = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var expected = JsonNode.Parse("""{"gpu":"new","cpu":null,"keep":{"x":1},"extra":{"y":2}}""");
        JsonNode.DeepEquals(merged, expected).ShouldBeTrue(merged.ToJsonString());
        JsonNode.DeepEquals(emulator.GetCustomData(LogtoDemoUsers.Alice.Id), expected).ShouldBeTrue();
    }

    [Fact]
    public async Task Patching_custom_data_without_the_customData_wrapper_is_invalid_input()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        using var response = await http.PatchAsync($"/api/users/{LogtoDemoUsers.Alice.Id}/custom-data", Json("""{"gpu":"x"}"""), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorCodeAsync(response)).ShouldBe("guard.invalid_input");
    }

    [Fact]
    public async Task Patching_the_user_replaces_the_whole_custom_data()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        emulator.SetCustomData(LogtoDemoUsers.Bob.Id, new JsonObject { ["gpu"] = "a", ["cpu"] = "b" });
        using var http = await AuthorizedClientAsync(emulator);

        using var response = await http.PatchAsync($"/api/users/{LogtoDemoUsers.Bob.Id}", Json("""{"customData":{"gpu":"only"}}"""), Ct);
        var user = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        user["customData"]!.ToJsonString().ShouldBe("""{"gpu":"only"}""");
        emulator.GetCustomData(LogtoDemoUsers.Bob.Id).ToJsonString().ShouldBe("""{"gpu":"only"}""");
    }

    [Fact]
    public async Task Patching_the_user_updates_profile_fields()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        using var response = await http.PatchAsync($"/api/users/{LogtoDemoUsers.Bob.Id}", Json("""{"name":"Robert"}"""), Ct);

        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["name"]!.GetValue<string>().ShouldBe("Robert");
        emulator.FindUser(LogtoDemoUsers.Bob.Id)!.Name.ShouldBe("Robert");
    }

    [Fact]
    public async Task Patching_a_username_already_in_use_answers_422()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        using var response = await http.PatchAsync($"/api/users/{LogtoDemoUsers.Bob.Id}", Json("""{"username":"alice"}"""), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ErrorCodeAsync(response)).ShouldBe("user.username_already_in_use");
    }

    [Fact]
    public async Task Listing_users_pages_and_reports_total_number()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            emulator.CreateUser($"user{i}", $"User {i}", $"user{i}@example.com");
        }

        using var http = await AuthorizedClientAsync(emulator);

        using var page1 = await http.GetAsync("/api/users?page=1&page_size=5", Ct);
        using var page2 = await http.GetAsync("/api/users?page=2&page_size=5", Ct);

        page1.Headers.GetValues("Total-Number").ShouldBe(["7"]);
        var first = JsonDocument.Parse(await page1.Content.ReadAsStringAsync(Ct)).RootElement.EnumerateArray().Select(u => u.GetProperty("id").GetString());
        var second = JsonDocument.Parse(await page2.Content.ReadAsStringAsync(Ct)).RootElement.EnumerateArray().Select(u => u.GetProperty("id").GetString());
        first.Count().ShouldBe(5);
        second.Count().ShouldBe(2);
        first.Concat(second).Distinct().Count().ShouldBe(7);
    }

    [Fact]
    public async Task A_page_size_above_100_is_invalid_input()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        using var response = await http.GetAsync("/api/users?page_size=101", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task User_roles_list_the_admin_role_for_the_administrator()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        using var response = await http.GetAsync($"/api/users/{LogtoDemoUsers.Admin.Id}/roles", Ct);
        var roles = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        response.Headers.GetValues("Total-Number").ShouldBe(["1"]);
        var role = roles.EnumerateArray().ShouldHaveSingleItem();
        role.GetProperty("id").GetString().ShouldBe(LogtoDemoUsers.AdminRoleId);
        role.GetProperty("name").GetString().ShouldBe("aigc-admin");
        role.GetProperty("type").GetString().ShouldBe("User");
        role.TryGetProperty("description", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Roles_list_counts_users_and_role_users_lists_the_holders()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        var roles = JsonDocument.Parse(await http.GetStringAsync("/api/roles", Ct)).RootElement;
        var holders = JsonDocument.Parse(await http.GetStringAsync($"/api/roles/{LogtoDemoUsers.AdminRoleId}/users", Ct)).RootElement;

        roles.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "aigc-admin").GetProperty("usersCount").GetInt32().ShouldBe(1);
        holders.EnumerateArray().Select(u => u.GetProperty("id").GetString()).ShouldBe([LogtoDemoUsers.Admin.Id]);
    }

    [Fact]
    public async Task An_expired_m2m_token_answers_401()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await LogtoServer.StartAsync(LogtoTestSetup.Options with { TimeProvider = time }, Ct);
        using var http = await AuthorizedClientAsync(emulator);
        using (var fresh = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}", Ct))
        {
            fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        time.Advance(TimeSpan.FromSeconds(3601));
        using var response = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ErrorCodeAsync(response)).ShouldBe("auth.unauthorized");
    }

    [Fact]
    public async Task Concurrent_patches_of_different_keys_never_lose_each_other()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await http.PatchAsync($"/api/users/{LogtoDemoUsers.Alice.Id}/custom-data",
                Json($$$"""{"customData":{"key{{{i}}}":{{{i}}}}}"""), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }));

        emulator.GetCustomData(LogtoDemoUsers.Alice.Id).Count.ShouldBe(20);
    }

    [Fact]
    public async Task Injected_failures_answer_the_given_status_then_calls_succeed_again()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);
        emulator.FailNextApiCalls(2, HttpStatusCode.ServiceUnavailable);

        using var first = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}/custom-data", Ct);
        using var second = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}/custom-data", Ct);
        using var third = await http.GetAsync($"/api/users/{LogtoDemoUsers.Alice.Id}/custom-data", Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        second.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        third.StatusCode.ShouldBe(HttpStatusCode.OK);
        emulator.ManagementApiCalls.ShouldBe(3);
    }

    [Fact]
    public async Task Counters_report_m2m_tokens_issued()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        using var http = await AuthorizedClientAsync(emulator);

        using var response = await http.GetAsync("/api/roles", Ct);

        emulator.M2mTokensIssued.ShouldBe(1);
    }

    private static HttpClient Client(LogtoServer emulator) => new() { BaseAddress = emulator.Endpoint };

    private static async Task<HttpClient> AuthorizedClientAsync(LogtoServer emulator)
    {
        var http = Client(emulator);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http));
        return http;
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        using var response = await RequestTokenAsync(http, LogtoServer.ManagementApiResource);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, string? resource, string secret = M2mSecret, string? scope = "all")
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (resource is not null)
        {
            form["resource"] = resource;
        }

        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/oidc/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = LogtoTestBrowser.Basic(M2mId, secret);
        return await http.SendAsync(request, Ct);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("code").GetString();
}
