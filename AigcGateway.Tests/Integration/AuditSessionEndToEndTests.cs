using System.Net;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Emulators.Logto;
using AigcGateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.Integration;

/// <summary>
/// The audit log records what happens at the edges of a session through the gateway's real endpoints: a sign-out
/// through the confirmation form, and a <c>/auth</c> refusal as nginx asks it; both are read back through the query
/// the Audit log page uses.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class AuditSessionEndToEndTests : IAsyncLifetime
{
    private const string SomeoneElsesInstance = "http://sd-cpu-9.localhost/";
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false, HandleCookies = false };
    private readonly GatewayAppFactory _app = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private IAuditQuery Query => _app.Services.GetRequiredService<IAuditQuery>();

    public ValueTask InitializeAsync()
    {
        // replicas share the cookie keys (as the chart's key ring does) and, through the settings, the database
        _app.WithSetting("Gateway:DataProtectionKeysPath", Path.Combine(_app.ScratchDirectory, "keys"));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>The newest entry of <paramref name="filter"/>; null while there is none or the store is still being migrated.</summary>
    private async Task<AuditEntry?> FindAsync(AuditFilter filter)
    {
        try
        {
            return (await Query.PageAsync(filter, null, 10, Ct)).Entries.FirstOrDefault();
        }
        catch (AigcGateway.Core.Storage.StoreUnavailableException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Signing_out_through_the_confirmation_form_is_in_the_audit_log()
    {
        using var client = _app.CreateClient(NoRedirects);
        var browser = new GatewaySignIn(client, _app.Logto.Endpoint);
        await browser.SignInAsync(LogtoDemoUsers.Alice.Id);

        using var signedOut = await browser.SignOutAsync();
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var filter = new AuditFilter { UserId = LogtoDemoUsers.Alice.Id, Action = AuditActions.SignedOut };
        AuditEntry? entry = null;
        await Eventually.HoldsAsync(async () => (entry = await FindAsync(filter)) is not null, "alice's sign-out is in the audit log");
        entry!.Outcome.ShouldBe(AuditOutcome.Succeeded);
        entry.Actor.ShouldContain(LogtoDemoUsers.Alice.Id);
    }

    [Fact]
    public async Task A_refused_auth_request_is_counted_and_stored_once_for_its_user_host_and_minute()
    {
        // the denials of a minute are written when it ends, or when the replica stops: a second replica answers /auth and stops
        var replica = _app.NewReplica();
        await using (replica)
        {
            using var client = replica.CreateClient(NoRedirects);
            var browser = new GatewaySignIn(client, _app.Logto.Endpoint);
            await browser.SignInAsync(LogtoDemoUsers.Alice.Id);
            for (var i = 0; i < 3; i++)
            {
                using var request = Auth.AuthTestHost.ForwardAuth(SomeoneElsesInstance, browser.Cookies);
                using var response = await client.SendAsync(request, Ct);
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "alice does not own instance 9");
            }
        }

        var filter = new AuditFilter { UserId = LogtoDemoUsers.Alice.Id, Action = AuditActions.AccessDenied, Outcome = AuditOutcome.Denied };
        AuditEntry? entry = null;
        await Eventually.HoldsAsync(async () => (entry = await FindAsync(filter)) is not null, "alice's refused /auth requests are in the audit log");
        entry!.Target.ShouldBe("sd-cpu-9.localhost");
        entry.Count.ShouldBe(3);
        (await Query.PageAsync(filter, null, 10, Ct)).Entries.Length.ShouldBe(1);
    }
}
