using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Emulator;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using k8s;

namespace AigcGateway.Tests.Resilience;

/// <summary>Pods stop gracefully (Terminating for their grace period) as on a real cluster: what users see meanwhile, and uninstall.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class GracefulStopTests : IAsyncDisposable
{
    private static readonly TemplateRef Sd = new(EmulatorHarness.Ns, "sd");
    private CoreOnEmulator? _core;

    private EmulatorHarness Harness => _core!.Harness;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_core is not null)
        {
            await _core.DisposeAsync();
        }
    }

    private async Task<IInstanceService> StartAsync(TimeSpan grace, TimeSpan? uninstallPodWait = null)
    {
        var harness = await EmulatorHarness.StartAsync(KubernetesEmulatorOptions.ForTests with { TerminationGracePeriod = grace });
        await harness.CreateSetAsync(Sd.Name, 0);
        _core = await CoreOnEmulator.StartAsync(harness, new LifecycleOptions
        {
            CoalesceWindow = TimeSpan.Zero,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            UninstallPodWait = uninstallPodWait ?? TimeSpan.FromMinutes(2),
        });
        return _core.Instances;
    }

    /// <summary>Records every state alice's dashboard shows until <paramref name="until"/> appears after another one.</summary>
    private static async Task<List<InstanceState?>> StatesUntilAsync(IInstanceService instances, InstanceState until, Task operation)
    {
        var seen = new List<InstanceState?>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await using var subscription = await instances.SubscribeAsync("alice", timeout.Token);
        seen.Add(subscription.Snapshot.InstanceOf(Sd)?.State);
        await operation;
        await foreach (var dashboard in subscription.Changes.WithCancellation(timeout.Token))
        {
            var state = dashboard.InstanceOf(Sd)?.State;
            seen.Add(state);
            if (state == until && seen.Skip(1).Any(s => s != until))
            {
                break;
            }
        }

        return seen;
    }

    [Fact]
    public async Task Uninstall_waits_for_the_pod_through_its_whole_grace_period_before_deleting_the_volumes()
    {
        var instances = await StartAsync(grace: TimeSpan.FromSeconds(2), uninstallPodWait: TimeSpan.FromMilliseconds(300));
        var alice = (await instances.InstallAsync("alice", Sd, Ct)).Instance!;
        await Infrastructure.InstanceWaits.WaitForStateAsync(instances, "alice", Sd, InstanceState.Running);

        (await instances.UninstallAsync("alice", alice, Ct)).Succeeded.ShouldBeTrue();

        (await Harness.PodIdsAsync(Sd.Name)).ShouldBeEmpty("uninstall waited for the pod, which takes its 2 s grace period, not just 300 ms");
        var pvcs = await Harness.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(EmulatorHarness.Ns, cancellationToken: Ct);
        pvcs.Items.ShouldAllBe(p => p.Metadata.DeletionTimestamp != null);
    }

    [Fact]
    public async Task While_a_paused_instance_stops_it_shows_pausing_then_paused()
    {
        var instances = await StartAsync(grace: TimeSpan.FromSeconds(1));
        var alice = (await instances.InstallAsync("alice", Sd, Ct)).Instance!;
        await Infrastructure.InstanceWaits.WaitForStateAsync(instances, "alice", Sd, InstanceState.Running);

        var seen = await StatesUntilAsync(instances, InstanceState.Paused, instances.PauseAsync("alice", alice, Ct));

        seen.ShouldContain(InstanceState.Pausing);
        seen.SkipWhile(s => s == InstanceState.Running).ShouldAllBe(s => s == InstanceState.Pausing || s == InstanceState.Paused, string.Join(", ", seen));
    }

    [Fact]
    public async Task While_a_restarted_instance_stops_it_shows_restarting_and_never_not_installed_or_failed()
    {
        var instances = await StartAsync(grace: TimeSpan.FromSeconds(1));
        var alice = (await instances.InstallAsync("alice", Sd, Ct)).Instance!;
        await Infrastructure.InstanceWaits.WaitForStateAsync(instances, "alice", Sd, InstanceState.Running);

        var seen = await StatesUntilAsync(instances, InstanceState.Running, WhenRestartedAsync(instances, alice));

        seen.ShouldContain(InstanceState.Restarting);
        seen.ShouldAllBe(s => s == InstanceState.Running || s == InstanceState.Restarting || s == InstanceState.Starting, string.Join(", ", seen));
    }

    private static async Task WhenRestartedAsync(IInstanceService instances, InstanceRef alice) =>
        (await instances.RestartAsync("alice", alice, Ct)).Succeeded.ShouldBeTrue();
}
