using AigcGateway.Core.Logto;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Tests.LogtoEmulator;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using LogtoServer = AigcGateway.Emulators.Logto.LogtoEmulator;

namespace AigcGateway.Tests.Logto;

/// <summary>
/// The gateway's Management API client against the Logto emulator when the M2M app lacks the "Management API access"
/// role (Logto 1.22 then issues a scope-less token and answers 403): the failure is a configuration error, and once an
/// operator grants the role, calls work again without a restart, without hammering Logto meanwhile.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class M2MRoleRecoveryTests : IAsyncLifetime
{
    private const string M2mId = "testm2mapp";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private LogtoServer _logto = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _logto = await LogtoTestSetup.StartAsync();
        _logto.SetManagementApiRole(M2mId, granted: false);
    }

    public async ValueTask DisposeAsync() => await _logto.DisposeAsync();

    private ILogtoUsers Client() =>
        LogtoManagement.CreateClient(new LogtoManagementSettings(_logto.Endpoint, M2mId, "test-m2m-secret") { RetryBaseDelay = TimeSpan.Zero },
            _time, NullLoggerFactory.Instance);

    [Fact]
    public async Task A_missing_role_is_reported_as_a_configuration_error_naming_the_role()
    {
        var result = await Client().GetUserAsync(LogtoDemoUsers.Alice.Id, Ct);

        result.Outcome.ShouldBe(LogtoOutcome.ConfigurationError);
        result.Error.ShouldNotBeNull().ShouldContain("Logto Management API access");
    }

    [Fact]
    public async Task Once_the_role_is_granted_the_next_call_succeeds_without_a_restart()
    {
        var client = Client();
        (await client.GetUserAsync(LogtoDemoUsers.Alice.Id, Ct)).Outcome.ShouldBe(LogtoOutcome.ConfigurationError);

        _logto.SetManagementApiRole(M2mId, granted: true);
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = await client.GetUserAsync(LogtoDemoUsers.Alice.Id, Ct);
        result.IsOk.ShouldBeTrue(result.Error);
    }

    [Fact]
    public async Task A_call_answered_403_renews_the_token_once_and_reports_the_second_403()
    {
        var client = Client();

        (await client.GetCustomDataAsync(LogtoDemoUsers.Alice.Id, Ct)).Outcome.ShouldBe(LogtoOutcome.ConfigurationError);

        _logto.M2mTokensIssued.ShouldBe(2);
    }

    [Fact]
    public async Task A_role_that_stays_missing_does_not_make_every_call_ask_for_a_token()
    {
        var client = Client();

        for (var i = 0; i < 20; i++)
        {
            (await client.GetUserAsync(LogtoDemoUsers.Alice.Id, Ct)).Outcome.ShouldBe(LogtoOutcome.ConfigurationError);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // 20 calls over 20 s: the first token and at most one renewal
        _logto.M2mTokensIssued.ShouldBeLessThanOrEqualTo(2);
    }
}
