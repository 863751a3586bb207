using AigcGateway.Core.Instances;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Core;

public sealed class SubscriptionTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static (InstanceService Service, FakeCluster Cluster) Create()
    {
        var hub = new SnapshotHub();
        var cluster = new FakeCluster(hub);
        var service = new InstanceService(
            hub,
            cluster,
            new FakeMirror(),
            new LifecycleOptions { CoalesceWindow = TimeSpan.Zero },
            TimeProvider.System,
            NullLogger<InstanceService>.Instance);
        return (service, cluster);
    }

    private static async Task<UserDashboard> NextMatching(IAsyncEnumerator<UserDashboard> changes, Func<UserDashboard, bool> condition, List<UserDashboard> seen)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            (await changes.MoveNextAsync().AsTask().WaitAsync(timeout.Token)).ShouldBeTrue();
            seen.Add(changes.Current);
            if (condition(changes.Current))
            {
                return changes.Current;
            }
        }
    }

    [Fact]
    public async Task The_snapshot_holds_the_catalog_and_only_the_users_instances()
    {
        var (service, cluster) = Create();
        await service.InstallAsync("bob", cluster.Ref, Ct);
        await service.InstallAsync("alice", cluster.Ref, Ct);

        await using var subscription = await service.SubscribeAsync("alice", Ct);

        subscription.Snapshot.IsReady.ShouldBeTrue();
        subscription.Snapshot.Templates.ShouldHaveSingleItem().Ref.ShouldBe(cluster.Ref);
        subscription.Snapshot.Instances.ShouldHaveSingleItem().Owner.ShouldBe("alice");
    }

    [Fact]
    public async Task A_change_to_the_users_instance_is_pushed_and_other_users_never_appear()
    {
        var (service, cluster) = Create();
        await using var subscription = await service.SubscribeAsync("alice", Ct);
        await using var changes = subscription.Changes.GetAsyncEnumerator(Ct);
        var seen = new List<UserDashboard>();

        await service.InstallAsync("bob", cluster.Ref, Ct);
        await service.InstallAsync("alice", cluster.Ref, Ct);
        var mine = await NextMatching(changes, d => d.Instances.Any(i => i.State == InstanceState.Running), seen);

        mine.Instances.ShouldHaveSingleItem().Url.ShouldBe(new Uri("http://i1.example.com/"));
        seen.SelectMany(d => d.Instances).ShouldAllBe(i => i.Owner == "alice");
    }

    [Fact]
    public async Task A_pause_is_pushed_as_paused()
    {
        var (service, cluster) = Create();
        var alice = (await service.InstallAsync("alice", cluster.Ref, Ct)).Instance!;
        await using var subscription = await service.SubscribeAsync("alice", Ct);
        await using var changes = subscription.Changes.GetAsyncEnumerator(Ct);

        await service.PauseAsync("alice", alice, Ct);

        var paused = await NextMatching(changes, d => d.InstanceOf(cluster.Ref)?.State == InstanceState.Paused, []);
        paused.InstanceOf(cluster.Ref)!.Url.ShouldBeNull();
    }

    [Fact]
    public async Task A_slow_start_appears_without_any_cluster_change()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var hub = new SnapshotHub();
        var cluster = new FakeCluster(hub) { RunController = false };
        var service = new InstanceService(hub, cluster, new FakeMirror(), new LifecycleOptions { CoalesceWindow = TimeSpan.Zero, RefreshInterval = TimeSpan.FromSeconds(15), SlowStartAfter = TimeSpan.FromMinutes(5) }, time, NullLogger<InstanceService>.Instance);
        var alice = (await service.InstallAsync("alice", cluster.Ref, Ct)).Instance!;
        hub.Publish(s => s with
        {
            GameServers = s.GameServers.SetItem(cluster.Ref, System.Collections.Immutable.ImmutableDictionary<int, GameServerObservation>.Empty
                .Add(alice.Id, new GameServerObservation { Id = alice.Id, CurrentState = "Creating", NetworkState = "NotReady", Created = time.GetUtcNow() })),
        });
        await using var subscription = await service.SubscribeAsync("alice", Ct);
        await using var changes = subscription.Changes.GetAsyncEnumerator(Ct);
        subscription.Snapshot.InstanceOf(cluster.Ref)!.Diagnostic.ShouldBeNull();

        var next = changes.MoveNextAsync();
        time.Advance(TimeSpan.FromMinutes(6));
        (await next.AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBeTrue();

        changes.Current.InstanceOf(cluster.Ref)!.Diagnostic!.Reason.ShouldBe(AigcGateway.Core.Diagnostics.DiagnosticReason.SlowStart);
    }

    [Fact]
    public async Task Disposing_the_subscription_ends_the_stream()
    {
        var (service, _) = Create();
        var subscription = await service.SubscribeAsync("alice", Ct);
        var changes = subscription.Changes.GetAsyncEnumerator(Ct);

        await subscription.DisposeAsync();

        (await changes.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBeFalse();
    }
}
