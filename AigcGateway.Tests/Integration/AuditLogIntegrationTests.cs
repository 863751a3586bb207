using System.Net;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Admin;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.Integration;

/// <summary>The whole gateway with its store: actions and sign-ins reach the database and the export; with the database down it keeps working.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class AuditLogIntegrationTests
{
    private static readonly TemplateRef SdCpu = new("aigc", "sd-cpu");

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_install_by_alice_and_her_sign_in_appear_in_the_administrators_export_only()
    {
        await using var app = new AdminGatewayAppFactory();
        using var alice = await app.SignedInClientAsync("alice", Token);
        using var admin = await app.SignedInClientAsync("admin", Token);
        await app.Services.GetRequiredService<SnapshotHub>().WaitUntilAsync(s => s.IsReady);

        var result = await app.Services.GetRequiredService<IInstanceService>().InstallAsync(LogtoDemoUsers.Alice.Id, SdCpu, Token);
        result.Succeeded.ShouldBeTrue();

        var csv = "";
        await Eventually.HoldsAsync(
            async () => (csv = await admin.GetStringAsync($"/admin/audit/export?user={LogtoDemoUsers.Alice.Id}", Token)).Contains(",installed,aigc/sd-cpu,", StringComparison.Ordinal),
            "alice's install is in the export");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(AuditCsv.Header);
        lines.ShouldContain(l => l.Contains($",user {LogtoDemoUsers.Alice.Id},{LogtoDemoUsers.Alice.Id},signed in,", StringComparison.Ordinal));
        lines.Skip(1).ShouldAllBe(l => l.Contains("," + LogtoDemoUsers.Alice.Id + ",", StringComparison.Ordinal));

        using var refused = await alice.GetAsync("/admin/audit/export", Token);
        refused.Content.Headers.ContentType?.MediaType.ShouldNotBe("text/csv");
    }

    [Fact]
    public async Task With_the_database_unreachable_the_gateway_is_ready_lifecycle_works_and_entries_wait()
    {
        await using var app = new AdminGatewayAppFactory()
            .WithSetting("Database:Provider", "PostgreSql")
            .WithSetting("ConnectionStrings:Gateway", $"Host=127.0.0.1;Port={PortReservation.ForChildProcess()};Database=gateway;Username=gateway;Timeout=2");
        // the cookie keys would be in that database too: keep them in a directory (the key-volume option) so sign-in works
        app.WithSetting("Gateway:DataProtectionKeysPath", Path.Combine(((GatewayAppFactory)app).ScratchDirectory, "keys"));
        using var client = await ((AdminGatewayAppFactory)app).SignedInClientAsync("admin", Token);
        await app.Services.GetRequiredService<SnapshotHub>().WaitUntilAsync(s => s.IsReady);

        using (var ready = await client.GetAsync("/readyz", Token))
        {
            ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var result = await app.Services.GetRequiredService<IInstanceService>().InstallAsync(LogtoDemoUsers.Alice.Id, SdCpu, Token);
        result.Succeeded.ShouldBeTrue();

        var status = app.Services.GetRequiredService<IAuditStoreStatus>();
        await Eventually.HoldsAsync(() => !status.State.Available && status.State.Waiting >= 2, "the store is reported unavailable with the entries waiting");
        status.State.Dropped.ShouldBe(0);
        using var export = await client.GetAsync("/admin/audit/export", Token);
        export.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await export.Content.ReadAsStringAsync(Token)).ShouldContain("The audit store is unavailable");
    }
}
