using AigcGateway.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AigcGateway.Emulators.Logto;
using Microsoft.IdentityModel.JsonWebTokens;
using LogtoServer = AigcGateway.Emulators.Logto.LogtoEmulator;

namespace AigcGateway.Tests.LogtoEmulator;

/// <summary>
/// Logto 1.22 with an M2M app that lacks the "Management API access" role: a token is still issued, without any scope
/// (none in the answer, no scope claim), and every call with it answers 403. Granting the role helps only the next token.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class LogtoScopelessTokenTests
{
    private const string M2mId = "testm2mapp";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_app_without_the_role_gets_a_token_without_scope_in_the_answer_or_the_claims()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        emulator.SetManagementApiRole(M2mId, granted: false);
        using var http = new HttpClient { BaseAddress = emulator.Endpoint };

        var answer = await TokenAnswerAsync(http);

        answer.TryGetProperty("scope", out _).ShouldBeFalse(answer.ToString());
        var jwt = new JsonWebToken(answer.GetProperty("access_token").GetString());
        jwt.TryGetPayloadValue<object>("scope", out _).ShouldBeFalse(jwt.EncodedPayload);
        jwt.TryGetPayloadValue<object>("scp", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Granting_the_role_does_not_repair_a_scopeless_token_but_the_next_token_works()
    {
        await using var emulator = await LogtoTestSetup.StartAsync();
        emulator.SetManagementApiRole(M2mId, granted: false);
        using var http = new HttpClient { BaseAddress = emulator.Endpoint };
        var scopeless = (await TokenAnswerAsync(http)).GetProperty("access_token").GetString()!;
        (await CallAsync(http, scopeless)).ShouldBe(HttpStatusCode.Forbidden);

        emulator.SetManagementApiRole(M2mId, granted: true);

        (await CallAsync(http, scopeless)).ShouldBe(HttpStatusCode.Forbidden);
        var next = await TokenAnswerAsync(http);
        next.GetProperty("scope").GetString().ShouldBe("all");
        (await CallAsync(http, next.GetProperty("access_token").GetString()!)).ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{LogtoDemoUsers.Alice.Id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static async Task<JsonElement> TokenAnswerAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oidc/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["resource"] = LogtoServer.ManagementApiResource,
                ["scope"] = "all",
            }),
        };
        request.Headers.Authorization = LogtoTestBrowser.Basic(M2mId, "test-m2m-secret");
        using var response = await http.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }
}
