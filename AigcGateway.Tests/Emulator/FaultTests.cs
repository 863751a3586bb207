using System.Net;
using AigcGateway.Tests.Emulator.Models;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Emulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class FaultTests
{
    private static string Ns => EmulatorHarness.Ns;

    private static CancellationToken Ct => EmulatorHarness.Ct;

    private static async Task<V1ContainerStatus> ContainerAsync(EmulatorHarness h, string pod) =>
        (await h.Client.CoreV1.ReadNamespacedPodAsync(pod, Ns, cancellationToken: Ct)).Status.ContainerStatuses.Single();

    [Fact]
    public async Task An_unschedulable_template_leaves_pods_pending_with_a_FailedScheduling_event()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.Faults.MakeUnschedulable(Ns, "sd");

        await h.CreateSetAsync("sd", 1);

        var pod = await h.Client.CoreV1.ReadNamespacedPodAsync("sd-0", Ns, cancellationToken: Ct);
        var gs = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);
        var events = await h.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=sd-0,reason=FailedScheduling", cancellationToken: Ct);
        pod.Status.Phase.ShouldBe("Pending");
        pod.Status.Conditions.Single().Reason.ShouldBe("Unschedulable");
        events.Items.Single().Message.ShouldStartWith("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.");
        events.Items.Single().Type.ShouldBe("Warning");
        gs.CurrentState.ShouldBe("Creating");
        gs.Status!["conditions"]![0]!["reason"]!.GetValue<string>().ShouldBe("Unschedulable");
    }

    [Fact]
    public async Task Clearing_the_scheduling_fault_lets_pending_pods_start()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.Faults.MakeUnschedulable(Ns, "sd", "aliyun.com/gpu-mem");
        await h.CreateSetAsync("sd", 1);

        h.Emulator.Faults.Clear(Ns, "sd");
        await h.SettleAsync();

        (await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct)).CurrentState.ShouldBe("Ready");
    }

    [Fact]
    public async Task Allowing_scheduling_schedules_pending_pods_and_keeps_the_other_faults()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.Faults.MakeUnschedulable(Ns, "sd");
        h.Emulator.Faults.FailImagePull(Ns, "sd");
        await h.CreateSetAsync("sd", 1);

        h.Emulator.Faults.AllowScheduling(Ns, "sd");
        await h.SettleAsync();

        var pod = await h.Client.CoreV1.ReadNamespacedPodAsync("sd-0", Ns, cancellationToken: Ct);
        var events = await h.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=sd-0", cancellationToken: Ct);
        pod.Spec.NodeName.ShouldNotBeNull();
        pod.Status.Conditions.ShouldContain(c => c.Type == "PodScheduled" && c.Status == "True");
        pod.Status.ContainerStatuses.Single().State.Waiting.Reason.ShouldBe("ImagePullBackOff");
        events.Items.Select(e => e.Reason).ShouldBe(["FailedScheduling", "Scheduled", "Pulling", "Failed", "Failed", "BackOff", "Failed"]);
    }

    [Fact]
    public async Task An_image_pull_failure_shows_ErrImagePull_then_ImagePullBackOff()
    {
        var time = new FakeTimeProvider();
        await using var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { BackOffDelay = TimeSpan.FromSeconds(10), TimeProvider = time });
        h.Emulator.Faults.FailImagePull(Ns, "sd");
        await h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("sd", 1), Ns, Ct);
        await h.Emulator.WaitForIdleAsync(Ct).WaitAsync(EmulatorHarness.Bound, Ct);

        var first = await ContainerAsync(h, "sd-0");
        time.Advance(TimeSpan.FromSeconds(10));
        await h.SettleAsync();
        var later = await ContainerAsync(h, "sd-0");
        var events = await h.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=sd-0", cancellationToken: Ct);

        first.State.Waiting.Reason.ShouldBe("ErrImagePull");
        later.State.Waiting.Reason.ShouldBe("ImagePullBackOff");
        events.Items.Select(e => e.Reason).ShouldBe(["Scheduled", "Pulling", "Failed", "Failed", "BackOff", "Failed"]);
        (await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct)).CurrentState.ShouldBe("Creating");
    }

    [Fact]
    public async Task A_crash_loop_reports_the_exit_code_and_CrashLoopBackOff()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.Faults.CrashLoop(Ns, "sd", exitCode: 137);

        await h.CreateSetAsync("sd", 1);

        var container = await ContainerAsync(h, "sd-0");
        var gs = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);
        container.State.Waiting.Reason.ShouldBe("CrashLoopBackOff");
        container.LastState.Terminated.ExitCode.ShouldBe(137);
        container.RestartCount.ShouldBe(1);
        gs.CurrentState.ShouldBe("NotReady");
        gs.NetworkState.ShouldBe("NotReady");
    }

    /// <summary>An emulator on a fake clock with one instance of "sd" that starts three minutes late (now idle, still Creating).</summary>
    private static async Task<EmulatorHarness> StartSlowlyAsync(FakeTimeProvider time)
    {
        var h = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { TimeProvider = time });
        h.Emulator.Faults.SlowStart(Ns, "sd", TimeSpan.FromMinutes(3));
        await h.Sets.CreateNamespacedAsync(EmulatorHarness.NewSet("sd", 1), Ns, Ct);
        await h.Emulator.WaitForIdleAsync(Ct).WaitAsync(EmulatorHarness.Bound, Ct);
        return h;
    }

    [Fact]
    public async Task A_slow_start_keeps_the_instance_Creating_until_the_extra_delay_passed()
    {
        var time = new FakeTimeProvider();
        await using var h = await StartSlowlyAsync(time);

        var early = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);
        time.Advance(TimeSpan.FromMinutes(3));
        await h.SettleAsync();
        var late = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);

        early.CurrentState.ShouldBe("Creating");
        late.CurrentState.ShouldBe("Ready");
    }

    [Fact]
    public async Task Clearing_a_slow_start_starts_the_pod_now_and_only_once()
    {
        var time = new FakeTimeProvider();
        await using var h = await StartSlowlyAsync(time);
        (await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct)).CurrentState.ShouldBe("Creating");

        h.Emulator.Faults.Clear(Ns, "sd");
        await h.Emulator.WaitForIdleAsync(Ct).WaitAsync(EmulatorHarness.Bound, Ct);
        var started = await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct);
        time.Advance(TimeSpan.FromMinutes(3));
        await h.SettleAsync();
        var events = await h.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=sd-0", cancellationToken: Ct);

        started.CurrentState.ShouldBe("Ready");
        events.Items.Count(e => e.Reason == "Started").ShouldBe(1);
    }

    [Fact]
    public async Task The_next_writes_can_be_made_to_fail_with_500()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);
        h.Emulator.Faults.FailNextWrites(2, 500);
        var patch = new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch);

        var status = await EmulatorHarness.FailsWithAsync(HttpStatusCode.InternalServerError, () => h.Sets.PatchNamespacedAsync<TestGameServerSet>(patch, Ns, "sd", Ct));
        await EmulatorHarness.FailsWithAsync(HttpStatusCode.InternalServerError, () => h.Sets.PatchNamespacedAsync<TestGameServerSet>(patch, Ns, "sd", Ct));
        var read = await h.ReadSetAsync("sd");
        var third = await h.Sets.PatchNamespacedAsync<TestGameServerSet>(patch, Ns, "sd", Ct);

        status["reason"]!.GetValue<string>().ShouldBe("InternalError");
        read.Spec.Replicas.ShouldBe(0);
        third.Spec.Replicas.ShouldBe(1);
    }

    [Fact]
    public async Task The_next_write_can_be_made_to_conflict()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 0);
        h.Emulator.Faults.FailNextWrites(1, 409);
        var gss = await h.ReadSetAsync("sd");
        gss.Spec.Replicas = 1;

        var status = await EmulatorHarness.FailsWithAsync(HttpStatusCode.Conflict, () => h.Sets.ReplaceNamespacedAsync(gss, Ns, "sd", Ct));
        var retried = await h.Sets.ReplaceNamespacedAsync(gss, Ns, "sd", Ct);

        status["reason"]!.GetValue<string>().ShouldBe("Conflict");
        retried.Spec.Replicas.ShouldBe(1);
    }

    [Fact]
    public async Task Dropping_watches_and_compacting_history_forces_a_relist()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var version = (await h.CreateSetAsync("sd", 0)).Metadata.ResourceVersion;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(EmulatorHarness.Bound);
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in h.Client.CoreV1.WatchListNamespacedPodAsync(Ns, allowWatchBookmarks: true, resourceVersion: version, cancellationToken: cts.Token))
            {
            }
        }, Ct);
        await Infrastructure.Eventually.HoldsAsync(() => h.Emulator.WatchCount > 0, "the watch is open"); // bookmarks come only once a minute
        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 1);

        h.Emulator.Faults.DropWatches();
        h.Emulator.Faults.CompactHistory();
        await watching.WaitAsync(EmulatorHarness.Bound, Ct);
        cts.IsCancellationRequested.ShouldBeFalse("the dropped watch should end at once, not when the bound cancels it");
        var (_, body) = await h.RawAsync(HttpMethod.Get, $"/api/v1/namespaces/{Ns}/pods?watch=true&resourceVersion={version}");

        body!["type"]!.GetValue<string>().ShouldBe("ERROR");
        body["object"]!["code"]!.GetValue<int>().ShouldBe(410);
    }

    [Fact]
    public async Task Pod_faults_apply_only_to_their_template()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.Faults.MakeUnschedulable(Ns, "gpu");

        await h.CreateSetAsync("gpu", 1);
        await h.CreateSetAsync("cpu", 1);

        (await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "gpu-0", Ct)).CurrentState.ShouldBe("Creating");
        (await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "cpu-0", Ct)).CurrentState.ShouldBe("Ready");
    }

    [Fact]
    public async Task Clearing_a_crash_loop_lets_the_instance_become_ready()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.Faults.CrashLoop(Ns, "sd", exitCode: 1);
        await h.CreateSetAsync("sd", 1);

        h.Emulator.Faults.Clear(Ns, "sd");
        await h.SettleAsync();

        (await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct)).CurrentState.ShouldBe("Ready");
        (await ContainerAsync(h, "sd-0")).State.Running.ShouldNotBeNull();
    }

    [Fact]
    public async Task Clearing_an_image_pull_failure_lets_the_instance_become_ready()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.Faults.FailImagePull(Ns, "sd");
        await h.CreateSetAsync("sd", 1);

        h.Emulator.Faults.Clear(Ns, "sd");
        await h.SettleAsync();

        (await h.Servers.ReadNamespacedAsync<TestGameServer>(Ns, "sd-0", Ct)).CurrentState.ShouldBe("Ready");
    }
}
