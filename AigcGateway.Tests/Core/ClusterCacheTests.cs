using System.Runtime.CompilerServices;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Core;

public sealed class ClusterCacheTests : IAsyncDisposable
{
    private readonly SnapshotHub _hub = new();
    private readonly FakeKubernetesApi _api = new();
    private ClusterCache? _cache;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_cache is not null)
        {
            await _cache.StopAsync(CancellationToken.None);
            _cache.Dispose();
        }
    }

    private static GameServerSet Gss(string version = "918273", int replicas = 2)
    {
        var gss = KubernetesJson.Deserialize<GameServerSet>(Fixture.Read("gameserverset-ingress-reserveids.json"));
        gss.Metadata.ResourceVersion = version;
        gss.Spec.Replicas = replicas;
        return gss;
    }

    private async Task StartAsync(CatalogFilter? filter = null)
    {
        _cache = new ClusterCache(
            _api,
            _hub,
            filter ?? CatalogFilter.All,
            new ClusterCacheOptions { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(10) },
            TimeProvider.System,
            NullLogger<ClusterCache>.Instance);
        await _cache.StartAsync(Ct);
    }

    private Task WaitFor(Func<ClusterSnapshot, bool> condition, [CallerArgumentExpression(nameof(condition))] string what = "") =>
        _hub.WaitUntilAsync(condition, TimeSpan.FromSeconds(10), what);

    /// <summary>For what the fake API records (no change stream): checked until it holds, bounded.</summary>
    private static Task WaitFor(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string what = "") =>
        Eventually.HoldsAsync(condition, what, TimeSpan.FromSeconds(10));

    [Fact]
    public async Task The_cache_is_not_ready_until_every_first_list_has_completed()
    {
        _api.HoldList = new TaskCompletionSource();
        _api.HeldKind = WatchedKind.Volumes;
        _api.Lists[WatchedKind.GameServerSets] = ([Gss()], "10");

        await StartAsync();
        await WaitFor(s => s.Templates.Count == 1);
        _hub.Current.IsReady.ShouldBeFalse();

        _api.HoldList.SetResult();
        await WaitFor(s => s.IsReady);
    }

    [Fact]
    public async Task Listed_templates_appear_in_the_snapshot_with_their_desired_state()
    {
        _api.Lists[WatchedKind.GameServerSets] = ([Gss()], "10");

        await StartAsync();
        await WaitFor(s => s.IsReady);

        var state = _hub.Current.Templates[new TemplateRef("default", "sd-cpu")];
        state.Replicas.ShouldBe(2);
        state.Reserved.ToString().ShouldBe("1,3-5");
    }

    [Fact]
    public async Task Game_server_sets_outside_the_label_selector_are_not_templates()
    {
        _api.Lists[WatchedKind.GameServerSets] = ([Gss()], "10");

        await StartAsync(CatalogFilter.Create(null, [new("aigc", "false")]));
        await WaitFor(s => s.IsReady);

        _hub.Current.Templates.ShouldBeEmpty();
        _api.ListCalls.ShouldContain((WatchedKind.GameServerSets, null, "aigc=false"));
    }

    [Fact]
    public async Task Configured_namespaces_are_each_listed_and_watched()
    {
        await StartAsync(CatalogFilter.Create(["a", "b"], null));
        await WaitFor(s => s.IsReady);

        _api.ListCalls.Where(c => c.Kind == WatchedKind.GameServerSets).Select(c => c.Namespace).ShouldBe(["a", "b"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_watch_event_updates_the_snapshot()
    {
        _api.Lists[WatchedKind.GameServerSets] = ([Gss()], "10");
        await StartAsync();
        await WaitFor(s => s.IsReady);

        await _api.SendAsync(WatchedKind.GameServerSets, new KubeEvent<GameServerSet>(WatchEventType.Modified, Gss("11", replicas: 3), "11"));

        await WaitFor(s => s.Templates.Values.Single().Replicas == 3);
    }

    [Fact]
    public async Task A_deleted_template_leaves_the_catalog()
    {
        _api.Lists[WatchedKind.GameServerSets] = ([Gss()], "10");
        await StartAsync();
        await WaitFor(s => s.IsReady);

        await _api.SendAsync(WatchedKind.GameServerSets, new KubeEvent<GameServerSet>(WatchEventType.Deleted, Gss("12"), "12"));

        await WaitFor(s => s.Templates.IsEmpty);
    }

    [Fact]
    public async Task Gone_410_makes_the_cache_list_again()
    {
        _api.Lists[WatchedKind.GameServerSets] = ([Gss()], "10");
        await StartAsync();
        await WaitFor(s => s.IsReady);
        _api.Lists[WatchedKind.GameServerSets] = ([Gss("20", replicas: 5)], "20");

        await _api.SendAsync(WatchedKind.GameServerSets, new KubeEvent<GameServerSet>(WatchEventType.Error, null, null, 410));

        await WaitFor(s => s.Templates.Values.Single().Replicas == 5);
        _api.ListCount(WatchedKind.GameServerSets).ShouldBe(2);
        await WaitFor(() => _api.WatchCalls.Contains((WatchedKind.GameServerSets, "20")));
    }

    [Fact]
    public async Task A_template_deleted_while_the_watch_was_expired_leaves_the_catalog_with_the_relist()
    {
        var gone = Gss();
        gone.Metadata.Name = "sd-gone";
        _api.Lists[WatchedKind.GameServerSets] = ([Gss(), gone], "10");
        await StartAsync();
        await WaitFor(s => s.IsReady && s.Templates.Count == 2);
        _api.Lists[WatchedKind.GameServerSets] = ([Gss("20", replicas: 5)], "20");

        await _api.SendAsync(WatchedKind.GameServerSets, new KubeEvent<GameServerSet>(WatchEventType.Error, null, null, 410));

        await WaitFor(s => s.Templates.GetValueOrDefault(new TemplateRef("default", "sd-cpu"))?.Replicas == 5);
        _hub.Current.Templates.Keys.ShouldBe([new TemplateRef("default", "sd-cpu")]);
    }

    [Fact]
    public async Task A_game_server_deleted_while_the_watch_was_expired_leaves_the_snapshot_with_the_relist()
    {
        var kept = KubernetesJson.Deserialize<GameServer>(Fixture.Read("gameserver-ingress-ready.json"));
        var gone = KubernetesJson.Deserialize<GameServer>(Fixture.Read("gameserver-ingress-ready.json"));
        gone.Metadata.Name = "sd-cpu-3";
        _api.Lists[WatchedKind.GameServers] = ([kept, gone], "5");
        await StartAsync();
        await WaitFor(s => s.IsReady && s.GameServers.Values.Sum(g => g.Count) == 2);
        var relisted = KubernetesJson.Deserialize<GameServer>(Fixture.Read("gameserver-ingress-ready.json"));
        relisted.Status!.CurrentState = "NotReady";
        _api.Lists[WatchedKind.GameServers] = ([relisted], "9");

        await _api.SendAsync(WatchedKind.GameServers, new KubeEvent<GameServer>(WatchEventType.Error, null, null, 410));

        var template = new TemplateRef("default", "sd-cpu");
        await WaitFor(s => s.GameServer(new InstanceRef(template, 2))?.CurrentState == "NotReady");
        _hub.Current.GameServers[template].Keys.ShouldBe([2]);
    }

    [Fact]
    public async Task A_volume_deleted_while_the_watch_was_expired_leaves_the_snapshot_with_the_relist()
    {
        static V1PersistentVolumeClaim Pvc(string name) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" } };
        _api.Lists[WatchedKind.Volumes] = ([Pvc("user-data-sd-cpu-0"), Pvc("user-data-sd-cpu-1")], "8");
        await StartAsync();
        await WaitFor(s => s.IsReady && s.Volumes.Count == 2);
        _api.Lists[WatchedKind.Volumes] = ([Pvc("user-data-sd-cpu-0"), Pvc("user-data-sd-cpu-2")], "12");

        await _api.SendAsync(WatchedKind.Volumes, new KubeEvent<V1PersistentVolumeClaim>(WatchEventType.Error, null, null, 410));

        await WaitFor(s => s.Volumes.Contains("default/user-data-sd-cpu-2"));
        _hub.Current.Volumes.ShouldBe(["default/user-data-sd-cpu-0", "default/user-data-sd-cpu-2"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_dropped_stream_is_watched_again_from_the_last_version_without_listing()
    {
        _api.Lists[WatchedKind.GameServerSets] = ([Gss()], "10");
        await StartAsync();
        await WaitFor(s => s.IsReady);
        await _api.SendAsync(WatchedKind.GameServerSets, new KubeEvent<GameServerSet>(WatchEventType.Modified, Gss("15", replicas: 4), "15"));
        await WaitFor(s => s.Templates.Values.Single().Replicas == 4);

        await _api.DropAsync(WatchedKind.GameServerSets);

        await WaitFor(() => _api.WatchCalls.Contains((WatchedKind.GameServerSets, "15")));
        _api.ListCount(WatchedKind.GameServerSets).ShouldBe(1);
    }

    [Fact]
    public async Task A_bookmark_moves_the_version_the_next_watch_starts_from()
    {
        await StartAsync();
        await WaitFor(s => s.IsReady);

        await _api.SendAsync(WatchedKind.GameServerSets, new KubeEvent<GameServerSet>(WatchEventType.Bookmark, null, "99"));
        await _api.DropAsync(WatchedKind.GameServerSets);

        await WaitFor(() => _api.WatchCalls.Contains((WatchedKind.GameServerSets, "99")));
    }

    [Fact]
    public async Task Game_servers_pods_and_warning_events_of_instances_are_cached()
    {
        _api.Lists[WatchedKind.GameServers] = ([KubernetesJson.Deserialize<GameServer>(Fixture.Read("gameserver-pending-no-gpu.json"))], "5");
        _api.Lists[WatchedKind.Events] = ([KubernetesJson.Deserialize<Corev1Event>(Fixture.Read("event-failed-scheduling.json"))], "6");
        _api.Lists[WatchedKind.Pods] = ([new V1Pod { Metadata = new V1ObjectMeta { Name = "sd-gpu-0", NamespaceProperty = "default", Labels = new Dictionary<string, string> { [GameServer.OwnerLabel] = "sd-gpu" } } }], "7");
        _api.Lists[WatchedKind.Volumes] = ([new V1PersistentVolumeClaim { Metadata = new V1ObjectMeta { Name = "user-data-sd-gpu-0", NamespaceProperty = "default" } }], "8");

        await StartAsync();
        await WaitFor(s => s.IsReady);

        var instance = new InstanceRef(new TemplateRef("default", "sd-gpu"), 0);
        var snapshot = _hub.Current;
        snapshot.GameServer(instance)!.CurrentState.ShouldBe("Creating");
        snapshot.Pods.ShouldContainKey(instance);
        snapshot.Events[instance].ShouldHaveSingleItem().Reason.ShouldBe("FailedScheduling");
        snapshot.Volumes.ShouldContain("default/user-data-sd-gpu-0");
    }

    [Fact]
    public async Task A_deleted_game_server_leaves_the_snapshot()
    {
        var gs = KubernetesJson.Deserialize<GameServer>(Fixture.Read("gameserver-ingress-ready.json"));
        _api.Lists[WatchedKind.GameServers] = ([gs], "5");
        await StartAsync();
        await WaitFor(s => s.IsReady && !s.GameServers.IsEmpty);

        await _api.SendAsync(WatchedKind.GameServers, new KubeEvent<GameServer>(WatchEventType.Deleted, gs, "6"));

        await WaitFor(s => s.GameServers.IsEmpty);
    }

    [Fact]
    public async Task The_dashboard_of_an_owner_shows_no_free_gpu_from_cached_objects()
    {
        var gss = Gss();
        gss.Metadata.Name = "sd-gpu";
        gss.Metadata.Annotations[TemplateAnnotations.Owners] = """{"0":"alice"}""";
        gss.Spec.ReserveGameServerIds = [];
        _api.Lists[WatchedKind.GameServerSets] = ([gss], "10");
        _api.Lists[WatchedKind.GameServers] = ([KubernetesJson.Deserialize<GameServer>(Fixture.Read("gameserver-pending-no-gpu.json"))], "5");
        _api.Lists[WatchedKind.Events] = ([KubernetesJson.Deserialize<Corev1Event>(Fixture.Read("event-failed-scheduling.json"))], "6");
        await StartAsync();
        await WaitFor(s => s.IsReady);

        var dashboard = DashboardProjector.Project(_hub.Current, System.Collections.Immutable.ImmutableDictionary<InstanceRef, PendingMarker>.Empty, "alice", new DateTimeOffset(2024, 3, 22, 10, 0, 30, TimeSpan.Zero), false);

        var instance = dashboard.Instances.ShouldHaveSingleItem();
        instance.State.ShouldBe(InstanceState.Starting);
        instance.Diagnostic!.Reason.ShouldBe(DiagnosticReason.NoFreeGpu);
        instance.Diagnostic.RawEvents.ShouldHaveSingleItem();
        DashboardProjector.Project(_hub.Current, System.Collections.Immutable.ImmutableDictionary<InstanceRef, PendingMarker>.Empty, "bob", DateTimeOffset.UtcNow, false).Instances.ShouldBeEmpty();
    }
}
