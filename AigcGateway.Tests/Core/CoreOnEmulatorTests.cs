using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Emulator;
using AigcGateway.Tests.Infrastructure;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using KubernetesEmulatorOptions = AigcGateway.Emulators.Kubernetes.KubernetesEmulatorOptions;

namespace AigcGateway.Tests.Core;

/// <summary>The core (cache, lifecycle, real client) against the Kubernetes API emulator with its OKG simulation.</summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class CoreOnEmulatorTests : IAsyncDisposable
{
    private static readonly TemplateRef s_template = new(EmulatorHarness.Ns, "sd");
    private EmulatorHarness? _harness;
    private ServiceProvider? _provider;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            foreach (var hosted in _provider.GetServices<IHostedService>())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await _provider.DisposeAsync();
        }

        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    private async Task<IInstanceService> StartAsync(int replicas = 0, string strategy = "ReserveIds", KubernetesEmulatorOptions? options = null, LifecycleOptions? lifecycle = null)
    {
        _harness = await EmulatorHarness.StartAsync(options);
        await _harness.CreateSetAsync("sd", replicas, strategy);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGatewayCore(new GatewayCoreOptions
        {
            Kubernetes = new KubernetesConnection(_harness.Emulator.BaseAddress.ToString()),
            LegacyConfigFile = null,
            Catalog = CatalogFilter.Create([EmulatorHarness.Ns], [new("aigc", "true")]),
            Lifecycle = lifecycle ?? new LifecycleOptions { CoalesceWindow = TimeSpan.Zero, RetryBaseDelay = TimeSpan.FromMilliseconds(5) },
        });
        _provider = services.BuildServiceProvider();
        foreach (var hosted in _provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(Ct);
        }

        var instances = _provider.GetRequiredService<IInstanceService>();
        await instances.WaitForReadyAsync();
        return instances;
    }

    private static Task WaitForState(IInstanceService instances, string user, InstanceState state) =>
        instances.WaitForStateAsync(user, s_template, state);

    [Fact]
    public async Task Install_pause_recover_restart_uninstall_on_the_emulator()
    {
        var instances = await StartAsync();

        var installed = await instances.InstallAsync("alice", s_template, Ct);
        installed.Instance.ShouldBe(new InstanceRef(s_template, 0));
        await WaitForState(instances, "alice", InstanceState.Running);
        (await instances.DashboardAsync("alice")).InstanceOf(s_template)!.Url.ShouldNotBeNull();

        (await instances.PauseAsync("alice", installed.Instance!, Ct)).Succeeded.ShouldBeTrue();
        await WaitForState(instances, "alice", InstanceState.Paused);

        (await instances.RecoverAsync("alice", installed.Instance!, Ct)).Succeeded.ShouldBeTrue();
        await WaitForState(instances, "alice", InstanceState.Running);
        (await _harness!.ServerIdsAsync("sd")).ShouldBe([0]);

        var seen = new List<InstanceState?>();
        (await instances.RestartAsync("alice", installed.Instance!, Ct)).Succeeded.ShouldBeTrue();
        await instances.WaitForDashboardAsync("alice", d =>
        {
            seen.Add(d.InstanceOf(s_template)?.State);
            return d.InstanceOf(s_template)?.State == InstanceState.Running;
        }, "alice's instance to be running again after the restart");
        seen.ShouldNotContain((InstanceState?)null);
        seen.ShouldNotContain(InstanceState.NotInstalled);
        _harness.Emulator.WatchCount.ShouldBeGreaterThan(0);

        (await instances.UninstallAsync("alice", installed.Instance!, Ct)).Succeeded.ShouldBeTrue();
        (await instances.DashboardAsync("alice")).Instances.ShouldBeEmpty();
        var pvcs = await _harness.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(EmulatorHarness.Ns, cancellationToken: Ct);
        pvcs.Items.ShouldAllBe(p => p.Metadata.DeletionTimestamp != null, "deleted (a protected PVC may still be terminating)");
    }

    [Fact]
    public async Task Two_hundred_installs_on_the_emulator_get_two_hundred_ids()
    {
        var instances = await StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => instances.InstallAsync($"u{i}", s_template, Ct), Ct)));

        results.ShouldAllBe(r => r.Succeeded);
        results.Select(r => r.Instance!.Id).Distinct().Count().ShouldBe(200);
        await _harness!.SettleAsync();
        (await _harness.ServerIdsAsync("sd")).Count.ShouldBe(200);
        var gss = await _harness.ReadSetAsync("sd");
        gss.Spec.Replicas.ShouldBe(200);
    }

    [Fact]
    public async Task Injected_500s_and_409s_are_handled()
    {
        var instances = await StartAsync();
        _harness!.Emulator.Faults.FailNextWrites(2, 409);

        (await instances.InstallAsync("alice", s_template, Ct)).Succeeded.ShouldBeTrue();

        _harness.Emulator.Faults.FailNextWrites(1, 500);
        (await instances.InstallAsync("bob", s_template, Ct)).Error.ShouldBe(OperationError.ClusterError);
    }

    [Fact]
    public async Task Conflicts_during_pause_recover_and_uninstall_are_retried_and_errors_leave_the_instance_retryable()
    {
        var instances = await StartAsync();
        var installed = await instances.InstallAsync("alice", s_template, Ct);
        await WaitForState(instances, "alice", InstanceState.Running);
        var instance = installed.Instance!;

        _harness!.Emulator.Faults.FailNextWrites(2, 409);
        (await instances.PauseAsync("alice", instance, Ct)).Succeeded.ShouldBeTrue();
        await WaitForState(instances, "alice", InstanceState.Paused);

        _harness.Emulator.Faults.FailNextWrites(2, 409);
        (await instances.RecoverAsync("alice", instance, Ct)).Instance.ShouldBe(instance);
        await WaitForState(instances, "alice", InstanceState.Running);

        _harness.Emulator.Faults.FailNextWrites(1, 500);
        (await instances.UninstallAsync("alice", instance, Ct)).Error.ShouldBe(OperationError.ClusterError);
        (await instances.DashboardAsync("alice")).InstanceOf(s_template).ShouldNotBeNull("a failed uninstall forgets nothing");

        (await instances.UninstallAsync("alice", instance, Ct)).Succeeded.ShouldBeTrue();
        await instances.WaitForDashboardAsync("alice", d => d.InstanceOf(s_template) is null, "alice's instance to leave her dashboard");
    }

    [Fact]
    public async Task Fifty_installs_survive_dropped_watches_and_a_410_in_the_middle()
    {
        var instances = await StartAsync();
        var users = Enumerable.Range(0, 50).Select(i => $"user{i:00}").ToList();

        var first = users.Take(25).Select(u => Task.Run(() => instances.InstallAsync(u, s_template, Ct), Ct)).ToList();
        _harness!.Emulator.Faults.CompactHistory();
        _harness.Emulator.Faults.DropWatches();
        var second = users.Skip(25).Select(u => Task.Run(() => instances.InstallAsync(u, s_template, Ct), Ct)).ToList();
        var results = await Task.WhenAll(first.Concat(second));

        results.ShouldAllBe(r => r.Succeeded);
        results.Select(r => r.Instance!.Id).Distinct().Count().ShouldBe(50);
        foreach (var user in users)
        {
            await WaitForState(instances, user, InstanceState.Running);
        }
    }

    [Fact]
    public async Task The_cache_survives_dropped_watches_and_compaction()
    {
        var instances = await StartAsync();
        _harness!.Emulator.Faults.CompactHistory();
        _harness.Emulator.Faults.DropWatches();

        await instances.InstallAsync("alice", s_template, Ct);

        await WaitForState(instances, "alice", InstanceState.Running);
    }

    [Fact]
    public async Task No_free_gpu_is_diagnosed_on_the_emulator()
    {
        var instances = await StartAsync();
        _harness!.Emulator.Faults.MakeUnschedulable(EmulatorHarness.Ns, "sd");

        await instances.InstallAsync("alice", s_template, Ct);

        await instances.WaitForDashboardAsync("alice", d => d.InstanceOf(s_template)?.Diagnostic?.Reason == DiagnosticReason.NoFreeGpu, "alice's instance to be diagnosed NoFreeGpu");
    }

    [Fact]
    public async Task Ten_parallel_installs_of_one_user_on_the_emulator_create_one_instance()
    {
        var instances = await StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => instances.InstallAsync("alice", s_template, Ct), Ct)));

        results.Select(r => r.Instance).Distinct().ShouldHaveSingleItem();
        await _harness!.SettleAsync();
        (await _harness.ServerIdsAsync("sd")).ShouldBe([0]);
    }

    [Fact]
    public async Task A_non_conforming_template_is_refused_on_the_emulator()
    {
        var instances = await StartAsync(strategy: "General");

        (await instances.InstallAsync("alice", s_template, Ct)).Error.ShouldBe(OperationError.TemplateNotInstallable);
        (await instances.DashboardAsync("alice")).Templates.ShouldHaveSingleItem().IsInstallable.ShouldBeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_paused_instance_keeps_its_volume_and_gets_its_id_back_with_either_reserve_form(bool plainInts)
    {
        var instances = await StartAsync(options: KubernetesEmulatorOptions.ForTests with { PlainIntReserveIds = plainInts });
        var alice = (await instances.InstallAsync("alice", s_template, Ct)).Instance!;
        var bob = (await instances.InstallAsync("bob", s_template, Ct)).Instance!;
        await WaitForState(instances, "bob", InstanceState.Running);

        await instances.PauseAsync("alice", alice, Ct);
        await WaitForState(instances, "alice", InstanceState.Paused);
        var carol = (await instances.InstallAsync("carol", s_template, Ct)).Instance!;
        await instances.RecoverAsync("alice", alice, Ct);
        await WaitForState(instances, "alice", InstanceState.Running);

        carol.Id.ShouldBe(2);
        await _harness!.SettleAsync();
        (await _harness.ServerIdsAsync("sd")).ShouldBe([alice.Id, bob.Id, carol.Id]);
        var pvcs = await _harness.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(EmulatorHarness.Ns, cancellationToken: Ct);
        pvcs.Items.Select(p => p.Metadata.Name).ShouldContain("user-data-sd-0");
    }

    [Fact]
    public async Task Image_pull_failure_is_diagnosed_on_the_emulator()
    {
        var instances = await StartAsync();
        _harness!.Emulator.Faults.FailImagePull(EmulatorHarness.Ns, "sd");

        await instances.InstallAsync("alice", s_template, Ct);

        await instances.WaitForDashboardAsync("alice", d => d.InstanceOf(s_template)?.Diagnostic?.Reason == DiagnosticReason.ImageCannotBePulled, "alice's instance to be diagnosed ImageCannotBePulled");
    }

    [Fact]
    public async Task A_pod_scheduled_after_waiting_for_a_gpu_is_diagnosed_by_its_image_pull_back_off_on_the_emulator()
    {
        var instances = await StartAsync();
        _harness!.Emulator.Faults.MakeUnschedulable(EmulatorHarness.Ns, "sd");
        _harness.Emulator.Faults.FailImagePull(EmulatorHarness.Ns, "sd");
        await instances.InstallAsync("alice", s_template, Ct);
        await instances.WaitForDashboardAsync("alice", d => d.InstanceOf(s_template)?.Diagnostic?.Reason == DiagnosticReason.NoFreeGpu, "alice's instance to be diagnosed NoFreeGpu first");

        _harness.Emulator.Faults.AllowScheduling(EmulatorHarness.Ns, "sd");
        await _harness.SettleAsync();

        var pod = await _harness.Client.CoreV1.ReadNamespacedPodAsync("sd-0", EmulatorHarness.Ns, cancellationToken: Ct);
        pod.Status.ContainerStatuses.Single().State.Waiting.Reason.ShouldBe("ImagePullBackOff");
        var alice = new InstanceRef(s_template, 0);
        await _provider!.GetRequiredService<SnapshotHub>().WaitUntilAsync(s =>
            s.Pods.GetValueOrDefault(alice)?.Containers.Any(c => c.WaitingReason == "ImagePullBackOff") == true
            && s.Events.GetValueOrDefault(alice, []).Any(e => e.Message.Contains("ImagePullBackOff", StringComparison.Ordinal)));

        var instance = (await instances.DashboardAsync("alice")).InstanceOf(s_template)!;
        instance.Diagnostic!.RawEvents.ShouldContain(e => e.Reason == "FailedScheduling");
        instance.Diagnostic.Reason.ShouldBe(DiagnosticReason.ImageCannotBePulled);
        instance.State.ShouldBe(InstanceState.Failed);
    }

    [Fact]
    public async Task A_crash_loop_is_diagnosed_with_its_exit_code_on_the_emulator()
    {
        var instances = await StartAsync();
        _harness!.Emulator.Faults.CrashLoop(EmulatorHarness.Ns, "sd", exitCode: 137);

        await instances.InstallAsync("alice", s_template, Ct);

        await instances.WaitForDashboardAsync("alice", d => d.InstanceOf(s_template)?.Diagnostic is { Reason: DiagnosticReason.Crashing, ExitCode: 137 }, "alice's instance to be diagnosed Crashing with exit code 137");
    }

    [Fact]
    public async Task A_slow_start_is_diagnosed_with_its_elapsed_time_on_the_emulator()
    {
        var instances = await StartAsync(lifecycle: new LifecycleOptions { CoalesceWindow = TimeSpan.Zero, SlowStartAfter = TimeSpan.FromSeconds(1), RefreshInterval = TimeSpan.FromMilliseconds(200) });
        _harness!.Emulator.Faults.SlowStart(EmulatorHarness.Ns, "sd", TimeSpan.FromMinutes(5));

        await instances.InstallAsync("alice", s_template, Ct);

        await instances.WaitForDashboardAsync("alice", d => d.InstanceOf(s_template)?.Diagnostic is { Reason: DiagnosticReason.SlowStart, Elapsed: not null }, "alice's instance to be diagnosed SlowStart with the elapsed time");
    }

    [Fact]
    public async Task A_pause_and_recover_storm_on_the_emulator_gives_everyone_their_own_id_back()
    {
        var instances = await StartAsync();
        var users = Enumerable.Range(0, 30).Select(i => $"u{i}").ToList();
        var installed = await Task.WhenAll(users.Select(u => Task.Run(() => instances.InstallAsync(u, s_template, Ct), Ct)));
        await _harness!.SettleAsync();

        await Task.WhenAll(installed.Select((r, i) => Task.Run(() => instances.PauseAsync(users[i], r.Instance!, Ct), Ct)));
        await _harness.SettleAsync();
        (await _harness.ServerIdsAsync("sd")).ShouldBeEmpty();
        await Task.WhenAll(installed.Select((r, i) => Task.Run(() => instances.RecoverAsync(users[i], r.Instance!, Ct), Ct)));
        await _harness.SettleAsync();

        (await _harness.ServerIdsAsync("sd")).ShouldBe([.. installed.Select(r => r.Instance!.Id).Order()]);
        foreach (var user in users)
        {
            await WaitForState(instances, user, InstanceState.Running);
        }
    }

    [Fact]
    public async Task The_forward_auth_index_maps_the_instance_host_to_its_owner_on_the_emulator()
    {
        var instances = await StartAsync();
        var alice = (await instances.InstallAsync("alice", s_template, Ct)).Instance!;
        await WaitForState(instances, "alice", InstanceState.Running);

        var index = _provider!.GetRequiredService<AigcGateway.Core.Access.IForwardAuthIndexSource>().Current;

        AigcGateway.Core.Access.ForwardAuthTarget.TryParse("http://sd-0.aigc.test/", out var target, out _).ShouldBeTrue();
        var endpoint = index.Find(target!);
        endpoint.ShouldNotBeNull();
        endpoint.Instance.ShouldBe(alice);
        endpoint.OwnerId.ShouldBe("alice");
    }
}
