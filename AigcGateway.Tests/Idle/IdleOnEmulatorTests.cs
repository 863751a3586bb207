using AigcGateway.Core.Access;
using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Emulator;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Idle;

/// <summary>
/// The idle auto-pause end to end: the core over HTTP against the Kubernetes emulator and its Prometheus, the leader's check
/// driven by a fake clock (one <see cref="IdlePauser.CheckAsync"/> per simulated period, no sleeping).
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class IdleOnEmulatorTests : IAsyncDisposable
{
    private static readonly TemplateRef s_template = new(EmulatorHarness.Ns, "sd");
    private static readonly InstanceRef s_instance = new(s_template, 0);
    private readonly List<ServiceProvider> _cores = [];
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RecordingAudit _audit = new();
    private EmulatorHarness? _harness;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private EmulatorHarness Harness => _harness!;

    public async ValueTask DisposeAsync()
    {
        foreach (var core in _cores)
        {
            await StopAsync(core);
        }

        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_unused_instance_is_warned_then_paused_with_its_reason_on_the_card_and_in_the_audit()
    {
        var core = await StartAsync();
        var instances = core.GetRequiredService<IInstanceService>();
        var pauser = Pauser(core);
        await InstallAsync(instances);

        (await pauser.CheckAsync(Ct))[s_instance].Phase.ShouldBe(IdlePhase.Running);
        _time.Advance(TimeSpan.FromMinutes(52));
        (await pauser.CheckAsync(Ct))[s_instance].Phase.ShouldBe(IdlePhase.Warning);
        _time.Advance(TimeSpan.FromMinutes(10));
        var decision = (await pauser.CheckAsync(Ct))[s_instance];

        decision.Phase.ShouldBe(IdlePhase.PauseNow);
        var paused = await instances.WaitForDashboardAsync(
            "alice", d => d.InstanceOf(s_template) is { State: InstanceState.Paused, AutoPause: not null }, "the paused card with its reason");
        var record = paused.InstanceOf(s_template)!.AutoPause!;
        record.Timeout.ShouldBe(TimeSpan.FromHours(1));
        record.LastActive.ShouldBe(decision.LastActive);
        record.Measured.ShouldNotBeNull().GpuPercent.ShouldBe(0);
        (await Harness.ReadSetAsync("sd")).Metadata.Annotations.ShouldContainKey(AutoPauseAnnotations.KeyFor(0));
        (await Harness.ReadSetAsync("sd")).Metadata.Annotations[TemplateAnnotations.Owners].ShouldContain("alice");
        _audit.Entries.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Owner.ShouldBe("alice"),
            e => e.Result.Succeeded.ShouldBeTrue());

        (await pauser.CheckAsync(Ct)).ShouldNotContainKey(s_instance);
        _audit.Entries.Count.ShouldBe(1, "a paused instance is not paused again");
        (await instances.RecoverAsync("alice", s_instance, Ct)).Succeeded.ShouldBeTrue();
        await instances.WaitForDashboardAsync("alice", d => d.InstanceOf(s_template) is { State: InstanceState.Running }, "the recovered instance");
        (await Harness.ReadSetAsync("sd")).Metadata.Annotations.ShouldNotContainKey(AutoPauseAnnotations.KeyFor(0));
    }

    [Fact]
    public async Task A_busy_gpu_without_any_traffic_keeps_the_instance_running_and_counts_as_activity()
    {
        var core = await StartAsync();
        var instances = core.GetRequiredService<IInstanceService>();
        var pauser = Pauser(core);
        await InstallAsync(instances);
        Harness.Emulator.Usage.SetGpuBusy(EmulatorHarness.Ns, "sd-0", true);

        _time.Advance(TimeSpan.FromHours(3));
        (await pauser.CheckAsync(Ct))[s_instance].Phase.ShouldBe(IdlePhase.Running);

        var busyAt = _time.GetUtcNow();
        await instances.WaitForDashboardAsync("alice", d => d.InstanceOf(s_template)?.LastActivity >= busyAt.AddSeconds(-1), "the measured use persisted as the last activity");
        Harness.Emulator.Usage.SetGpuBusy(EmulatorHarness.Ns, "sd-0", false);
        _time.Advance(TimeSpan.FromMinutes(59));
        (await pauser.CheckAsync(Ct))[s_instance].Phase.ShouldBe(IdlePhase.Warning);
        _time.Advance(TimeSpan.FromMinutes(2));
        (await pauser.CheckAsync(Ct))[s_instance].Phase.ShouldBe(IdlePhase.PauseNow);
    }

    [Fact]
    public async Task Without_a_measurement_nothing_is_paused()
    {
        var core = await StartAsync(prometheusAnswers: false);
        var instances = core.GetRequiredService<IInstanceService>();
        var pauser = Pauser(core);
        await InstallAsync(instances);

        _time.Advance(TimeSpan.FromHours(5));

        (await pauser.CheckAsync(Ct))[s_instance].Phase.ShouldBe(IdlePhase.Warning);
        _audit.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Keep_running_postpones_the_pause_on_every_replica()
    {
        var core = await StartAsync();
        var instances = core.GetRequiredService<IInstanceService>();
        var pauser = Pauser(core);
        await InstallAsync(instances);

        (await instances.KeepRunningAsync("alice", s_instance, TimeSpan.FromHours(3), Ct)).Succeeded.ShouldBeTrue();
        var kept = await instances.WaitForDashboardAsync("alice", d => d.InstanceOf(s_template)?.Idle?.KeepRunningUntil is not null, "the postponement on the card");
        var until = kept.InstanceOf(s_template)!.Idle!.KeepRunningUntil!.Value;

        _time.Advance(TimeSpan.FromHours(2));
        (await pauser.CheckAsync(Ct))[s_instance].ShouldSatisfyAllConditions(d => d.Phase.ShouldBe(IdlePhase.Running), d => d.PausesAt.ShouldBe(until));
        _time.Advance(until - _time.GetUtcNow() + TimeSpan.FromSeconds(1));
        (await pauser.CheckAsync(Ct))[s_instance].Phase.ShouldBe(IdlePhase.PauseNow);
    }

    [Fact]
    public async Task A_restarted_gateway_keeps_the_last_activity()
    {
        var first = await StartAsync();
        await InstallAsync(first.GetRequiredService<IInstanceService>());
        var stampedAt = _time.GetUtcNow().AddMinutes(20);
        var activity = new InstanceActivity(new FakeTimeProvider(stampedAt));
        activity.Stamp(s_instance);
        (await Persister(first, activity).PersistStampsAsync(Ct)).ShouldBe(1);
        await first.GetRequiredService<IInstanceService>().WaitForDashboardAsync(
            "alice", d => d.InstanceOf(s_template)?.LastActivity == Whole(stampedAt), "the persisted activity");
        await StopAsync(first);
        _cores.Remove(first);

        var second = await StartAsync();

        var dashboard = await second.GetRequiredService<IInstanceService>().DashboardAsync("alice");
        dashboard.InstanceOf(s_template)!.LastActivity.ShouldBe(Whole(stampedAt));
        (await Pauser(second).CheckAsync(Ct))[s_instance].LastActive.ShouldBe(Whole(stampedAt));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_replicas_stamping_end_with_the_later_time(bool laterFirst)
    {
        var one = await StartAsync();
        var two = await StartAsync();
        await InstallAsync(one.GetRequiredService<IInstanceService>());
        var start = _time.GetUtcNow();
        var later = new InstanceActivity(new FakeTimeProvider(start.AddMinutes(5)));
        var earlier = new InstanceActivity(new FakeTimeProvider(start.AddMinutes(3)));
        later.Stamp(s_instance);
        earlier.Stamp(s_instance);
        var (first, second) = laterFirst ? ((one, later), (two, earlier)) : ((one, earlier), (two, later));

        await Persister(first.Item1, first.Item2).PersistStampsAsync(Ct);
        var firstValue = Whole(first.Item2.LastActivity(s_instance)!.Value);
        await two.GetRequiredService<IInstanceService>().WaitForDashboardAsync(
            "alice", d => d.InstanceOf(s_template)?.LastActivity >= firstValue, "the other replica's write");
        await Persister(second.Item1, second.Item2).PersistStampsAsync(Ct);

        foreach (var core in new[] { one, two })
        {
            await core.GetRequiredService<IInstanceService>().WaitForDashboardAsync(
                "alice", d => d.InstanceOf(s_template)?.LastActivity == Whole(start.AddMinutes(5)), "the later stamp on every replica");
        }

        var gs = await Harness.Servers.ReadNamespacedAsync<Emulator.Models.TestGameServer>(EmulatorHarness.Ns, "sd-0", Ct);
        gs.Metadata.Annotations[IdleAnnotations.LastActive].ShouldBe(IdleAnnotations.Format(start.AddMinutes(5)));
    }

    private static DateTimeOffset Whole(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    private async Task<ServiceProvider> StartAsync(bool prometheusAnswers = true)
    {
        if (_harness is null)
        {
            _harness = await EmulatorHarness.StartAsync();
            var set = EmulatorHarness.NewSet("sd", 0);
            set.Metadata.Annotations = new Dictionary<string, string>
            {
                [TemplateAnnotations.IdleTimeout] = "1h",
                [TemplateAnnotations.MaxKeepRunning] = "4h",
            };
            await _harness.Sets.CreateNamespacedAsync(set, EmulatorHarness.Ns, Ct);
            await _harness.SettleAsync();
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGatewayCore(new GatewayCoreOptions
        {
            Kubernetes = new KubernetesConnection(Harness.Emulator.BaseAddress.ToString()),
            LegacyConfigFile = null,
            Catalog = CatalogFilter.Create([EmulatorHarness.Ns], []),
            Lifecycle = new LifecycleOptions
            {
                CoalesceWindow = TimeSpan.Zero,
                RetryBaseDelay = TimeSpan.FromMilliseconds(5),
                Idle = new IdleOptions
                {
                    // where nothing answers the query API: the measurement fails
                    PrometheusUrl = prometheusAnswers ? Harness.Emulator.PrometheusAddress : new Uri(Harness.Emulator.BaseAddress, "no-prometheus/"),
                },
            },
        });
        // the leader's own check keeps running on the real clock; given no measurements it pauses and persists nothing, so
        // only the check this test drives on the fake clock acts (otherwise its writes would race this test's)
        services.AddSingleton<IUsageMeter>(new NoMeasurements());
        var provider = services.BuildServiceProvider();
        _cores.Add(provider);
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(Ct);
        }

        await provider.GetRequiredService<IInstanceService>().WaitForReadyAsync();
        return provider;
    }

    private static async Task StopAsync(ServiceProvider core)
    {
        foreach (var hosted in core.GetServices<IHostedService>())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await core.DisposeAsync();
    }

    private static async Task InstallAsync(IInstanceService instances)
    {
        (await instances.InstallAsync("alice", s_template, Ct)).Instance.ShouldBe(s_instance);
        await instances.WaitForStateAsync("alice", s_template, InstanceState.Running);
    }

    /// <summary>The leader's check as the core registers it, on the fake clock (its own measurements included).</summary>
    private IdlePauser Pauser(ServiceProvider core)
    {
        var options = core.GetRequiredService<IdleOptions>();
        return new IdlePauser(
            core.GetRequiredService<InstanceService>(),
            core.GetRequiredService<InstanceActivity>(),
            core.GetRequiredService<ActivityPersister>(),
            new PrometheusUsageMeter(new HttpClient(), options.PrometheusUrl!, _time),
            _audit,
            options,
            _time,
            NullLogger<IdlePauser>.Instance);
    }

    private static ActivityPersister Persister(ServiceProvider core, InstanceActivity activity) => new(
        core.GetRequiredService<SnapshotHub>(),
        activity,
        core.GetRequiredService<IGameServerAnnotations>(),
        core.GetRequiredService<IdleOptions>(),
        NullLogger<ActivityPersister>.Instance);

    private sealed class NoMeasurements : IUsageMeter
    {
        public Task<IReadOnlyDictionary<InstanceRef, UsageSample>> MeasureAsync(IReadOnlyCollection<InstanceRef> instances, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<InstanceRef, UsageSample>>(new Dictionary<InstanceRef, UsageSample>());
    }

    private sealed class RecordingAudit : IAutoPauseAudit
    {
        public List<(InstanceRef Instance, string Owner, AutoPauseRecord Record, OperationResult Result)> Entries { get; } = [];

        public Task RecordAsync(InstanceRef instance, string owner, AutoPauseRecord record, OperationResult result, CancellationToken cancellationToken)
        {
            lock (Entries)
            {
                Entries.Add((instance, owner, record, result));
            }

            return Task.CompletedTask;
        }
    }
}
