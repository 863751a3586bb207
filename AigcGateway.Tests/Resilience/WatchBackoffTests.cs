using System.Runtime.CompilerServices;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Resilience;

/// <summary>The cache's watch loops on a quiet watch (PVCs): backoff after failures, and the unreachable state.</summary>
public sealed class WatchBackoffTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly SnapshotHub _hub = new();
    private readonly QuietApi _api = new();
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

    private async Task StartAsync()
    {
        _cache = new ClusterCache(
            _api,
            _hub,
            CatalogFilter.Create(["games"], []),
            new ClusterCacheOptions { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(30) },
            _time,
            NullLogger<ClusterCache>.Instance);
        await _cache.StartAsync(Ct);
        await Eventually.HoldsAsync(() => _api.VolumeWatches >= 1, "the PVC watch is open");
    }

    /// <summary>Advances the clock in small steps until <paramref name="condition"/> holds; returns the time it took on that clock.</summary>
    private async Task<TimeSpan> AdvanceUntilAsync(Func<bool> condition, string what)
    {
        var step = TimeSpan.FromMilliseconds(100);
        var advanced = TimeSpan.Zero;
        await Eventually.HoldsAsync(
            () =>
            {
                if (condition())
                {
                    return true;
                }

                _time.Advance(step);
                advanced += step;
                return false;
            },
            what,
            TimeSpan.FromSeconds(20));
        return advanced;
    }

    [Fact]
    public async Task A_quiet_watch_that_the_server_keeps_closing_is_opened_again_after_the_initial_backoff_every_time()
    {
        _api.Behaviour = QuietApi.Watch.ConnectAndEnd;
        await StartAsync();

        var took = await AdvanceUntilAsync(() => _api.VolumeWatches >= 7, "six more watches of the PVCs");

        took.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(9), "each reconnect waits at most the initial backoff (1 s), not a doubling one");
    }

    [Fact]
    public async Task A_quiet_watch_that_connects_and_then_fails_keeps_the_initial_backoff()
    {
        _api.Behaviour = QuietApi.Watch.ConnectAndFail;
        await StartAsync();

        var took = await AdvanceUntilAsync(() => _api.VolumeWatches >= 7, "six more watches of the PVCs");

        took.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(9), "a failure after a good connection starts the backoff over");
    }

    [Fact]
    public async Task A_watch_that_cannot_connect_backs_off_and_the_snapshot_says_the_cluster_is_unreachable_until_it_connects()
    {
        await StartAsync();
        var failedAt = _time.GetUtcNow();
        _api.Behaviour = QuietApi.Watch.Unreachable;
        await _api.DropVolumeWatchAsync();

        var took = await AdvanceUntilAsync(() => _api.VolumeWatches >= 6, "five attempts that cannot connect");

        took.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(7), "the waits between failing attempts grow");
        _hub.Current.UnreachableSince.ShouldNotBeNull();
        _hub.Current.UnreachableSince!.Value.ShouldBeInRange(failedAt, _time.GetUtcNow());
        _hub.Current.IsReady.ShouldBeTrue("the last snapshot keeps serving");

        _api.Behaviour = QuietApi.Watch.ConnectAndStay;
        await AdvanceUntilAsync(() => _api.VolumeConnected, "the watch connected again");
        (await _hub.WaitForAsync(s => s.UnreachableSince is null, TimeSpan.FromSeconds(10), TimeProvider.System, Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task One_failed_attempt_that_is_retried_successfully_does_not_mark_the_cluster_unreachable()
    {
        await StartAsync();
        _api.Behaviour = QuietApi.Watch.UnreachableOnceThenStay;
        await _api.DropVolumeWatchAsync();

        await AdvanceUntilAsync(() => _api.VolumeWatches >= 3 && _api.VolumeConnected, "the retry connected");

        _hub.Current.UnreachableSince.ShouldBeNull();
    }

    /// <summary>Lists are empty; only the PVC watch does something (as the test says); the other watches stay open and quiet.</summary>
    private sealed class QuietApi : IKubernetesApi
    {
        private int _volumeWatches;
        private TaskCompletionSource _drop = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public enum Watch
        {
            ConnectAndStay,
            ConnectAndEnd,
            ConnectAndFail,
            Unreachable,
            UnreachableOnceThenStay,
        }

        public Watch Behaviour { get; set; } = Watch.ConnectAndStay;

        public int VolumeWatches => Volatile.Read(ref _volumeWatches);

        public bool VolumeConnected { get; private set; }

        public Task DropVolumeWatchAsync()
        {
            _drop.TrySetResult();
            return Task.CompletedTask;
        }

        public Task<KubeList<T>> ListAsync<T>(WatchedKind kind, string? @namespace, string? labelSelector, CancellationToken cancellationToken)
            where T : class => Task.FromResult(new KubeList<T>([], "1"));

        public async IAsyncEnumerable<KubeEvent<T>> WatchAsync<T>(
            WatchedKind kind, string? @namespace, string? labelSelector, string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
            where T : class
        {
            if (kind != WatchedKind.Volumes)
            {
                yield return KubeEvent<T>.Opened;
                await Task.Delay(Timeout.Infinite, cancellationToken);
                yield break;
            }

            Interlocked.Increment(ref _volumeWatches);
            VolumeConnected = false;
            var behaviour = Behaviour;
            if (behaviour == Watch.UnreachableOnceThenStay)
            {
                Behaviour = Watch.ConnectAndStay;
                behaviour = Watch.Unreachable;
            }

            if (behaviour == Watch.Unreachable)
            {
                throw new ClusterException("watch Volumes: the Kubernetes API could not be reached (Connection refused)") { Unreachable = true };
            }

            VolumeConnected = true;
            yield return KubeEvent<T>.Opened;
            switch (behaviour)
            {
                case Watch.ConnectAndEnd:
                    yield break;
                case Watch.ConnectAndFail:
                    throw new ClusterException("watch Volumes: the Kubernetes API could not be reached (Connection reset by peer)") { Unreachable = true };
                default:
                    await _drop.Task.WaitAsync(cancellationToken);
                    _drop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    yield break;
            }
        }

        public Task<GameServerSet?> ReadGameServerSetAsync(string @namespace, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<GameServerSet> ReplaceGameServerSetAsync(GameServerSet gameServerSet, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task PatchGameServerSetAsync(string @namespace, string name, string patch, bool jsonPatch, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeletePodAsync(string @namespace, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> DeletePersistentVolumeClaimAsync(string @namespace, string name, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
