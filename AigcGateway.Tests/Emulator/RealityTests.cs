using AigcGateway.Tests.Infrastructure;
using System.Net;
using AigcGateway.Tests.Emulator.Models;
using AigcGateway.Emulators.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Emulator;

/// <summary>What a real API server does that a kind emulator would not (shared/spec/reality.md): PVC protection, graceful pod deletion, event expiry.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class RealityTests
{
    private static string Ns => EmulatorHarness.Ns;

    private static CancellationToken Ct => EmulatorHarness.Ct;

    private static async Task<V1Pod?> PodAsync(EmulatorHarness h, string name)
    {
        var pods = await h.Client.CoreV1.ListNamespacedPodAsync(Ns, fieldSelector: $"metadata.name={name}", cancellationToken: Ct);
        return pods.Items.SingleOrDefault();
    }

    private static async Task<V1PersistentVolumeClaim?> PvcAsync(EmulatorHarness h, string name)
    {
        var pvcs = await h.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(Ns, fieldSelector: $"metadata.name={name}", cancellationToken: Ct);
        return pvcs.Items.SingleOrDefault();
    }

    [Fact]
    public async Task A_deleted_pvc_in_use_stays_terminating_until_its_pod_is_gone()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 1);

        var pvc = (await PvcAsync(h, "user-data-sd-0"))!;
        pvc.Metadata.Finalizers.ShouldBe(["kubernetes.io/pvc-protection"]);
        var deleted = await h.Client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("user-data-sd-0", Ns, cancellationToken: Ct);
        await h.SettleAsync();

        deleted.Metadata.DeletionTimestamp.ShouldNotBeNull("DELETE only marks a protected PVC");
        var terminating = (await PvcAsync(h, "user-data-sd-0"))!;
        terminating.Metadata.DeletionTimestamp.ShouldNotBeNull();
        terminating.Metadata.Finalizers.ShouldBe(["kubernetes.io/pvc-protection"], "pod sd-0 still uses it");

        await h.UpdateSetAsync("sd", g =>
        {
            g.Spec.Replicas = 0;
            g.Spec.ReserveGameServerIds = [0];
        });

        (await PvcAsync(h, "user-data-sd-0")).ShouldBeNull("the finalizer is removed once no pod uses the PVC, and it goes");
    }

    [Fact]
    public async Task A_deleted_pvc_that_no_pod_uses_is_gone_only_after_the_protection_controller_ran()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "spare" },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } } },
        }, Ns, cancellationToken: Ct);

        var deleted = await h.Client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("spare", Ns, cancellationToken: Ct);
        await h.SettleAsync();

        deleted.Metadata.DeletionTimestamp.ShouldNotBeNull("the DELETE answer still shows it: deleted is not gone");
        (await PvcAsync(h, "spare")).ShouldBeNull();
    }

    [Fact]
    public async Task Without_pvc_protection_a_deleted_pvc_goes_at_once()
    {
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { PvcProtection = false });
        await h.CreateSetAsync("sd", 1);

        (await PvcAsync(h, "user-data-sd-0"))!.Metadata.Finalizers.ShouldBeNull();
        await h.Client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("user-data-sd-0", Ns, cancellationToken: Ct);

        (await PvcAsync(h, "user-data-sd-0")).ShouldBeNull();
    }

    [Fact]
    public async Task A_deleted_pod_terminates_for_its_grace_period_with_its_game_server_deleting_then_okg_recreates_it()
    {
        var time = new FakeTimeProvider();
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { TimeProvider = time, TerminationGracePeriod = TimeSpan.FromSeconds(30) });
        await h.CreateSetAsync("sd", 1);
        var uid = (await PodAsync(h, "sd-0"))!.Metadata.Uid;

        await h.Client.CoreV1.DeleteNamespacedPodAsync("sd-0", Ns, cancellationToken: Ct);
        await h.Emulator.WaitForIdleAsync(Ct).WaitAsync(EmulatorHarness.Bound, Ct);

        var terminating = (await PodAsync(h, "sd-0"))!;
        terminating.Metadata.Uid.ShouldBe(uid);
        terminating.Metadata.DeletionTimestamp.ShouldNotBeNull();
        terminating.Metadata.DeletionGracePeriodSeconds.ShouldBe(30);
        (await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct)).CurrentState.ShouldBe("Deleting");

        time.Advance(TimeSpan.FromSeconds(29));
        await h.Emulator.WaitForIdleAsync(Ct).WaitAsync(EmulatorHarness.Bound, Ct);
        (await PodAsync(h, "sd-0"))!.Metadata.Uid.ShouldBe(uid, "still terminating within the grace period");

        time.Advance(TimeSpan.FromSeconds(1));
        await h.SettleAsync();
        var recreated = (await PodAsync(h, "sd-0"))!;
        recreated.Metadata.Uid.ShouldNotBe(uid);
        recreated.Metadata.DeletionTimestamp.ShouldBeNull();
    }

    [Fact]
    public async Task A_pod_no_node_runs_goes_at_once_and_a_grace_period_in_the_request_wins()
    {
        var time = new FakeTimeProvider();
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { TimeProvider = time, TerminationGracePeriod = TimeSpan.FromSeconds(30) });
        h.Emulator.Faults.MakeUnschedulable(Ns, "gpu");
        await h.CreateSetAsync("gpu", 1);
        await h.CreateSetAsync("cpu", 1);
        var pending = (await PodAsync(h, "gpu-0"))!.Metadata.Uid;

        await h.Client.CoreV1.DeleteNamespacedPodAsync("gpu-0", Ns, cancellationToken: Ct);
        await h.Client.CoreV1.DeleteNamespacedPodAsync("cpu-0", Ns, gracePeriodSeconds: 0, cancellationToken: Ct);
        await h.Emulator.WaitForIdleAsync(Ct).WaitAsync(EmulatorHarness.Bound, Ct);

        (await PodAsync(h, "gpu-0"))!.Metadata.Uid.ShouldNotBe(pending, "the unscheduled pod went at once and OKG created it again");
        (await PodAsync(h, "cpu-0"))!.Metadata.DeletionTimestamp.ShouldBeNull("gracePeriodSeconds=0 deletes at once");
    }

    [Fact]
    public async Task A_paused_instance_keeps_its_pod_terminating_for_the_grace_period_and_it_is_not_recreated()
    {
        var time = new FakeTimeProvider();
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { TimeProvider = time, TerminationGracePeriod = TimeSpan.FromSeconds(10) });
        await h.CreateSetAsync("sd", 1);

        var gss = await h.ReadSetAsync("sd");
        gss.Spec.Replicas = 0;
        gss.Spec.ReserveGameServerIds = [0];
        await h.Sets.ReplaceNamespacedAsync(gss, Ns, "sd", Ct);
        await h.Emulator.WaitForIdleAsync(Ct).WaitAsync(EmulatorHarness.Bound, Ct);

        (await PodAsync(h, "sd-0"))!.Metadata.DeletionTimestamp.ShouldNotBeNull();
        time.Advance(TimeSpan.FromSeconds(10));
        await h.SettleAsync();
        (await h.PodIdsAsync("sd")).ShouldBeEmpty();
        (await h.ServerIdsAsync("sd")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Events_expire_after_the_event_ttl_and_watchers_see_them_deleted()
    {
        var time = new FakeTimeProvider();
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { TimeProvider = time, EventTtl = TimeSpan.FromMinutes(10) });
        await h.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "sd-0.1" },
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "sd-0", NamespaceProperty = Ns },
            Reason = "FailedScheduling",
            Message = "0/3 nodes are available",
            Type = "Warning",
        }, Ns, cancellationToken: Ct);
        var version = (await h.Client.CoreV1.ListNamespacedEventAsync(Ns, cancellationToken: Ct)).Metadata.ResourceVersion;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(EmulatorHarness.Bound);
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, ev) in h.Client.CoreV1.WatchListNamespacedEventAsync(Ns, resourceVersion: version, cancellationToken: cts.Token))
            {
                return (type, ev.Metadata.Name);
            }

            return default;
        }, Ct);
        await Infrastructure.Eventually.HoldsAsync(() => h.Emulator.WatchCount > 0, "the watch is open");

        time.Advance(TimeSpan.FromMinutes(9));
        (await h.Client.CoreV1.ListNamespacedEventAsync(Ns, cancellationToken: Ct)).Items.ShouldHaveSingleItem();
        time.Advance(TimeSpan.FromMinutes(1));

        (await watching.WaitAsync(EmulatorHarness.Bound, Ct)).ShouldBe((WatchEventType.Deleted, "sd-0.1"));
        (await h.Client.CoreV1.ListNamespacedEventAsync(Ns, cancellationToken: Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public void Bookmarks_come_at_the_watch_caches_cadence_of_about_a_minute_by_default()
    {
        new KubernetesEmulatorOptions().BookmarkInterval.ShouldBe(TimeSpan.FromMinutes(1));
        KubernetesEmulatorOptions.ForTests.BookmarkInterval.ShouldBe(TimeSpan.FromMinutes(1), "no test may rely on bookmarks arriving");
    }

    [Fact]
    public async Task A_finalizer_keeps_any_deleted_object_until_it_is_removed()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.RawAsync(HttpMethod.Post, $"/api/v1/namespaces/{Ns}/pods", """{"metadata":{"name":"held","finalizers":["example.com/hold"]},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");

        var (code, deleted) = await h.RawAsync(HttpMethod.Delete, $"/api/v1/namespaces/{Ns}/pods/held");
        var (_, released) = await h.RawAsync(HttpMethod.Patch, $"/api/v1/namespaces/{Ns}/pods/held", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");

        code.ShouldBe(HttpStatusCode.OK);
        deleted!["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
        released!["metadata"]!["name"]!.GetValue<string>().ShouldBe("held");
        (await PodAsync(h, "held")).ShouldBeNull();
    }
}
