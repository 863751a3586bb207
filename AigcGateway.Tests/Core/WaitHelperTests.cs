using AigcGateway.Core.Instances;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Core;

/// <summary>The suite's waits themselves: a wait that times out must fail the test and say what it waited for.</summary>
public sealed class WaitHelperTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private readonly SnapshotHub _hub = new();
    private readonly FakeCluster _cluster;
    private readonly InstanceService _service;

    public WaitHelperTests()
    {
        _cluster = new FakeCluster(_hub) { RunController = false };
        _service = new InstanceService(
            _hub,
            _cluster,
            new FakeMirror(),
            new LifecycleOptions { CoalesceWindow = TimeSpan.Zero, RefreshInterval = TimeSpan.FromMilliseconds(50) },
            TimeProvider.System,
            NullLogger<InstanceService>.Instance);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dashboard_wait_that_times_out_throws_and_names_what_it_waited_for()
    {
        var error = await Should.ThrowAsync<TimeoutException>(() =>
            _service.WaitForDashboardAsync("alice", d => d.Instances.Length == 2, "alice's second instance", Short));

        error.Message.ShouldContain("alice's second instance");
        error.Message.ShouldContain("within 0.3 s");
        error.Message.ShouldContain("no instances");
    }

    [Fact]
    public async Task A_state_wait_that_times_out_names_the_instance_the_state_and_the_state_it_is_in()
    {
        await _service.InstallAsync("alice", _cluster.Ref, Ct);

        var error = await Should.ThrowAsync<TimeoutException>(() => _service.WaitForStateAsync("alice", _cluster.Ref, InstanceState.Paused, Short));

        error.Message.ShouldContain($"alice's instance of {_cluster.Ref} to be Paused");
        error.Message.ShouldContain($"{_cluster.Ref}#0 Installing");
    }

    [Fact]
    public async Task A_dashboard_wait_returns_the_dashboard_once_a_change_satisfies_the_condition()
    {
        var waiting = _service.WaitForStateAsync("alice", _cluster.Ref, InstanceState.Running);
        _cluster.RunController = true;

        await _service.InstallAsync("alice", _cluster.Ref, Ct);

        (await waiting).Ref.ShouldBe(new InstanceRef(_cluster.Ref, 0));
    }

    [Fact]
    public async Task A_wait_on_a_subscription_whose_stream_ends_throws_instead_of_returning()
    {
        var subscription = await _service.SubscribeAsync("alice", Ct);
        await subscription.DisposeAsync();

        var error = await Should.ThrowAsync<TimeoutException>(() => subscription.WaitForAsync(d => d.Instances.Length == 1, "alice's instance"));

        error.Message.ShouldContain("before the change stream ended");
    }

    [Fact]
    public async Task A_snapshot_wait_that_times_out_names_the_condition()
    {
        var error = await Should.ThrowAsync<TimeoutException>(() => _hub.WaitUntilAsync(s => s.Templates.Count == 2, Short));

        error.Message.ShouldContain("s => s.Templates.Count == 2");
    }

    [Fact]
    public async Task A_polled_condition_that_never_holds_throws_and_names_it()
    {
        var error = await Should.ThrowAsync<TimeoutException>(() => Eventually.HoldsAsync(() => false, "the impossible", Short));

        error.Message.ShouldContain("the impossible");
    }
}
