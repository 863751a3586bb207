using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Logto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Integration;

/// <summary>The durable mirror marks end to end: written on the GameServerSet when Logto fails, re-written and removed after.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class MirrorMarksIntegrationTests
{
    private static readonly TemplateRef SdCpu = new("aigc", "sd-cpu");
    private static readonly string Alice = LogtoDemoUsers.Alice.Id;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<JsonObject?> AnnotationsAsync(GatewayAppFactory app)
    {
        using var http = new HttpClient { BaseAddress = app.Kubernetes.BaseAddress };
        var gss = await http.GetFromJsonAsync<JsonObject>(new Uri("apis/game.kruise.io/v1alpha1/namespaces/aigc/gameserversets/sd-cpu", UriKind.Relative), Ct);
        return gss!["metadata"]!["annotations"] as JsonObject;
    }

    /// <summary>Another replica holds the background Lease for an hour, so this one never runs the mirror's passes (which resync marks).</summary>
    private static async Task HoldLeaseElsewhereAsync(GatewayAppFactory app)
    {
        using var http = new HttpClient { BaseAddress = app.Kubernetes.BaseAddress };
        var lease = new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = "aigc-gateway-background", ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = "another-replica",
                ["leaseDurationSeconds"] = 3600,
                ["acquireTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["renewTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        using var created = await http.PostAsJsonAsync(new Uri("apis/coordination.k8s.io/v1/namespaces/default/leases", UriKind.Relative), lease, Ct);
        created.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_mark_is_removed_only_while_it_still_has_the_value_it_was_read_with()
    {
        await using var app = new GatewayAppFactory();
        await HoldLeaseElsewhereAsync(app);
        await app.Services.GetRequiredService<IInstanceService>().WaitForReadyAsync();
        var marks = app.Services.GetRequiredService<IMirrorMarks>();

        await marks.MarkAsync(SdCpu, Alice, Ct);
        var since = (await AnnotationsAsync(app))![MirrorMarkAnnotations.Prefix + Alice]!.GetValue<string>();

        (await marks.UnmarkAsync(SdCpu, Alice, "another value", Ct)).ShouldBeFalse();
        (await AnnotationsAsync(app))!.ContainsKey(MirrorMarkAnnotations.Prefix + Alice).ShouldBeTrue();
        (await marks.UnmarkAsync(SdCpu, Alice, since, Ct)).ShouldBeTrue();
        (await AnnotationsAsync(app))!.ContainsKey(MirrorMarkAnnotations.Prefix + Alice).ShouldBeFalse();
    }

    [Fact]
    public async Task An_uninstall_while_logto_fails_is_marked_and_the_reconciler_clears_the_entry_and_the_mark()
    {
        await using var app = new GatewayAppFactory();
        var instances = app.Services.GetRequiredService<IInstanceService>();
        await instances.WaitForReadyAsync();
        var installed = (await instances.InstallAsync(Alice, SdCpu, Ct)).Instance!;
        await Eventually.HoldsAsync(() => app.Logto.GetCustomData(Alice)["aigc-sd-cpu"] is JsonObject, "alice's entry is written");
        await instances.WaitForStateAsync(Alice, SdCpu, InstanceState.Running);

        app.Logto.FailNextApiCalls(1000);
        (await instances.UninstallAsync(Alice, installed, Ct)).Succeeded.ShouldBeTrue();
        (await AnnotationsAsync(app))!.ContainsKey(MirrorMarkAnnotations.Prefix + Alice).ShouldBeTrue("the failed write is marked on the template");
        app.Logto.FailNextApiCalls(0);

        // the replica holding the lease after a restart: its queue is empty, the mark is all it has
        using var emptyQueue = new MirrorWriteQueue(TimeProvider.System);
        var reconciler = new UserMirrorReconciler(
            app.Services.GetRequiredService<ILogtoUsers>(),
            app.Services.GetRequiredService<IInstanceOwnershipSource>(),
            app.Services.GetRequiredService<IOwnershipAdopter>(),
            emptyQueue,
            TimeProvider.System,
            NullLogger<UserMirrorReconciler>.Instance,
            app.Services.GetRequiredService<IMirrorMarks>());
        await Eventually.HoldsAsync(
            () => app.Services.GetRequiredService<SnapshotHub>().Current.Templates[SdCpu].MirrorMarks.ContainsKey(Alice),
            "the cache shows the mark");
        (await reconciler.ResyncMarkedAsync(Ct)).ShouldBeGreaterThanOrEqualTo(1);

        app.Logto.GetCustomData(Alice)["aigc-sd-cpu"].ShouldBeNull();
        (await AnnotationsAsync(app))!.ContainsKey(MirrorMarkAnnotations.Prefix + Alice).ShouldBeFalse();
    }
}
