using System.Text.Json.Nodes;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Tests.Integration;

/// <summary>Resolving migration conflicts through the real services, against both emulators.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class MigrationConflictsIntegrationTests
{
    private static readonly TemplateRef SdCpu = new("aigc", "sd-cpu");
    private static readonly string Alice = LogtoDemoUsers.Alice.Id;
    private static readonly string Bob = LogtoDemoUsers.Bob.Id;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static JsonObject Entry(int id) => new() { ["aigc-sd-cpu"] = CustomDataEntryCodec.Encode(new InstanceRef(SdCpu, id)) };

    /// <summary>The earlier gateway ran sd-cpu #0, and both alice's and bob's customData claim it.</summary>
    private static async Task<GatewayAppFactory> SeedAsync()
    {
        var app = new GatewayAppFactory();
        await EarlierGatewayState.RunInstancesAsync(app.Kubernetes.BaseAddress, "aigc", "sd-cpu", 1);

        app.Logto.SetCustomData(Alice, Entry(0));
        app.Logto.SetCustomData(Bob, Entry(0));
        await app.Services.GetRequiredService<IInstanceService>().WaitForReadyAsync();
        await app.Services.GetRequiredService<SnapshotHub>().WaitUntilAsync(s => s.GameServer(new InstanceRef(SdCpu, 0)) is not null);
        return app;
    }

    [Fact]
    public async Task Two_claims_on_one_instance_are_listed_and_giving_it_to_one_clears_the_other()
    {
        await using var app = await SeedAsync();
        var migration = app.Services.GetRequiredService<IMigrationAdministration>();

        var review = await migration.ReviewAsync(Ct);

        review.Error.ShouldBeNull();
        review.Conflicts.Select(c => c.UserId).Order().ShouldBe(new[] { Alice, Bob }.Order());
        review.Conflicts.ShouldAllBe(c => c.Kind == AdoptionConflictKind.ClaimedByOtherUserToo && c.Instance == new InstanceRef(SdCpu, 0));
        var aliceClaim = review.Conflicts.Single(c => c.UserId == Alice);

        (await migration.GiveAsync("Ada (admin)", review, aliceClaim, Ct)).ShouldBe(MigrationActionOutcome.Done);

        app.Services.GetRequiredService<SnapshotHub>().Current.OwnerOf(new InstanceRef(SdCpu, 0)).ShouldBe(Alice);
        JsonNode.DeepEquals(app.Logto.GetCustomData(Alice)["aigc-sd-cpu"], CustomDataEntryCodec.Encode(new InstanceRef(SdCpu, 0))).ShouldBeTrue();
        app.Logto.GetCustomData(Bob)["aigc-sd-cpu"].ShouldBeNull("bob's claim on the instance alice was given is cleared");
        (await migration.ReviewAsync(Ct)).Conflicts.ShouldAllBe(c => c.Instance != new InstanceRef(SdCpu, 0));
    }

    [Fact]
    public async Task A_claim_on_an_instance_that_does_not_exist_can_only_be_dropped()
    {
        await using var app = await SeedAsync();
        var migration = app.Services.GetRequiredService<IMigrationAdministration>();
        app.Logto.SetCustomData(Bob, new JsonObject { ["aigc-sd-cpu"] = CustomDataEntryCodec.Encode(new InstanceRef(SdCpu, 7)) });
        var review = await migration.ReviewAsync(Ct);
        var missing = review.Conflicts.Single(c => c.UserId == Bob);
        missing.Kind.ShouldBe(AdoptionConflictKind.Missing);

        (await migration.GiveAsync("Ada (admin)", review, missing, Ct)).ShouldBe(MigrationActionOutcome.InstanceMissing);
        app.Services.GetRequiredService<SnapshotHub>().Current.OwnerOf(new InstanceRef(SdCpu, 7)).ShouldBeNull();

        (await migration.DropClaimAsync("Ada (admin)", missing, Ct)).ShouldBe(MigrationActionOutcome.Done);
        app.Logto.GetCustomData(Bob).ContainsKey("aigc-sd-cpu").ShouldBeTrue();
        app.Logto.GetCustomData(Bob)["aigc-sd-cpu"].ShouldBeNull();
        var audit = app.Services.GetRequiredService<IAuditQuery>();
        await Eventually.HoldsAsync(
            async () => (await audit.PageAsync(new AuditFilter { Template = SdCpu.ToString(), Text = "dropped the logto claim" }, null, 10, Ct)).Entries
                .Any(e => e.Action.StartsWith("dropped the Logto claim", StringComparison.Ordinal)),
            "the dropped claim is in the audit log");
    }
}
