using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AigcGateway.Core.Logto;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Logto;

public sealed class LogtoManagementClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private FakeLogtoServer _logto = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _logto = await FakeLogtoServer.StartAsync(Ct);
        _logto.AddUser("alice", customData: new JsonObject { ["theme"] = "dark" });
        _logto.AddUser("bob");
    }

    public async ValueTask DisposeAsync() => await _logto.DisposeAsync();

    private (ILogtoUsers Client, LogtoM2MTokenSource Tokens) Create(string secret = FakeLogtoServer.M2MSecret, Uri? endpoint = null)
    {
        var settings = new LogtoManagementSettings(endpoint ?? _logto.Endpoint, FakeLogtoServer.M2MId, secret)
        {
            RetryBaseDelay = TimeSpan.Zero,
        };
        return LogtoManagement.CreateClientCore(settings, _time, NullLoggerFactory.Instance);
    }

    [Fact]
    public async Task Many_calls_share_one_token()
    {
        var (client, _) = Create();

        for (var i = 0; i < 5; i++)
        {
            (await client.GetCustomDataAsync("alice", Ct)).IsOk.ShouldBeTrue();
        }

        _logto.TokenRequests.ShouldBe(1);
    }

    [Fact]
    public async Task The_token_request_uses_basic_auth_the_management_resource_and_scope_all()
    {
        var (client, _) = Create();

        await client.GetUserAsync("alice", Ct);

        _logto.LastTokenAuthorization.ShouldStartWith("Basic ");
        _logto.LastTokenRequestBody.ShouldBe("grant_type=client_credentials&resource=https://default.logto.app/api&scope=all");
    }

    [Fact]
    public async Task The_token_is_renewed_a_minute_before_it_expires()
    {
        var (client, _) = Create();
        await client.GetUserAsync("alice", Ct);

        _time.Advance(TimeSpan.FromSeconds(3600 - 61));
        await client.GetUserAsync("alice", Ct);
        _logto.TokenRequests.ShouldBe(1);

        _time.Advance(TimeSpan.FromSeconds(2));
        await client.GetUserAsync("alice", Ct);
        _logto.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task A_rejected_token_is_renewed_once_and_the_call_repeated()
    {
        var (client, _) = Create();
        await client.GetUserAsync("alice", Ct);
        _logto.RevokedTokens.Add("token-1");

        var result = await client.GetUserAsync("alice", Ct);

        result.IsOk.ShouldBeTrue();
        _logto.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task A_token_refused_again_after_renewal_is_a_configuration_error_without_more_renewals()
    {
        var (client, _) = Create();
        _logto.AlwaysUnauthorized = true;

        var result = await client.GetCustomDataAsync("alice", Ct);

        result.Outcome.ShouldBe(LogtoOutcome.ConfigurationError);
        _logto.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task Forbidden_is_a_configuration_error_naming_the_missing_role()
    {
        var (client, _) = Create();
        _logto.Forbidden = true;

        var result = await client.GetCustomDataAsync("alice", Ct);

        result.Outcome.ShouldBe(LogtoOutcome.ConfigurationError);
        result.Error!.ShouldContain("Logto Management API access");
        result.Error!.ShouldContain("Enable admin access");
    }

    [Fact]
    public async Task A_missing_user_is_not_found()
    {
        var (client, _) = Create();

        var result = await client.GetCustomDataAsync("nobody", Ct);

        result.Outcome.ShouldBe(LogtoOutcome.NotFound);
    }

    [Fact]
    public async Task A_wrong_m2m_secret_is_a_configuration_error_that_does_not_leak_the_secret()
    {
        var (client, _) = Create(secret: "wrong-secret");

        var result = await client.GetUserAsync("alice", Ct);

        result.Outcome.ShouldBe(LogtoOutcome.ConfigurationError);
        result.Error!.ShouldContain("Logto:M2MSecret");
        result.Error!.ShouldNotContain("wrong-secret");
    }

    [Fact]
    public async Task Reads_are_retried_after_transient_failures()
    {
        var (client, _) = Create();
        _logto.FailNextApiCalls = 2;

        var result = await client.GetCustomDataAsync("alice", Ct);

        result.IsOk.ShouldBeTrue();
        _logto.Requests.Count(r => r.EndsWith("/custom-data", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task Reads_give_up_as_unavailable_after_the_last_attempt()
    {
        var (client, _) = Create();
        _logto.FailNextApiCalls = 10;

        var result = await client.GetCustomDataAsync("alice", Ct);

        result.Outcome.ShouldBe(LogtoOutcome.Unavailable);
        _logto.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Writes_are_not_retried_by_the_client()
    {
        var (client, _) = Create();
        _logto.FailNextApiCalls = 1;

        var result = await client.PatchCustomDataAsync("alice", "default-sd", new JsonObject { ["ID"] = "1" }, Ct);

        result.Outcome.ShouldBe(LogtoOutcome.Unavailable);
        _logto.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Patching_one_key_keeps_the_other_keys()
    {
        var (client, _) = Create();

        var result = await client.PatchCustomDataAsync("alice", "default-sd", new JsonObject { ["ID"] = "1" }, Ct);

        result.IsOk.ShouldBeTrue();
        result.Value!["theme"]!.GetValue<string>().ShouldBe("dark");
        _logto.CustomDataOf("alice")["default-sd"]!["ID"]!.GetValue<string>().ShouldBe("1");
    }

    [Fact]
    public async Task Patching_a_key_with_null_stores_null()
    {
        var (client, _) = Create();

        await client.PatchCustomDataAsync("alice", "theme", null, Ct);

        _logto.CustomDataOf("alice").ContainsKey("theme").ShouldBeTrue();
        _logto.CustomDataOf("alice")["theme"].ShouldBeNull();
    }

    [Fact]
    public async Task Replacing_custom_data_removes_keys()
    {
        var (client, _) = Create();

        var result = await client.ReplaceCustomDataAsync("alice", new JsonObject { ["only"] = 1 }, Ct);

        result.IsOk.ShouldBeTrue();
        _logto.CustomDataOf("alice").Select(p => p.Key).ShouldBe(["only"]);
    }

    [Fact]
    public async Task Listing_users_reads_the_page_and_the_total()
    {
        var (client, _) = Create();

        var result = await client.ListUsersAsync(2, 1, Ct);

        result.Value!.Total.ShouldBe(2);
        result.Value.Users.Single().Id.ShouldBe("bob");
        result.Value.Users.Single().PrimaryEmail.ShouldBe("bob@example.test");
    }

    [Fact]
    public async Task User_role_names_are_read()
    {
        var (client, _) = Create();
        _logto.Roles["alice"] = ["aigc-admin", "viewer"];

        var result = await client.GetUserRoleNamesAsync("alice", Ct);

        result.Value.ShouldBe(["aigc-admin", "viewer"]);
    }

    [Fact]
    public async Task An_unreachable_logto_is_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (client, _) = Create(endpoint: new Uri($"http://127.0.0.1:{port}"));

        var result = await client.GetCustomDataAsync("alice", Ct);

        result.Outcome.ShouldBe(LogtoOutcome.Unavailable);
    }
}
