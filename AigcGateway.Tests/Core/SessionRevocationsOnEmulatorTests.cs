using AigcGateway.Core.Kubernetes;
using AigcGateway.Tests.Infrastructure;
using AigcGateway.Emulators.Kubernetes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Core;

/// <summary>
/// Revoked sessions in one ConfigMap of the gateway's namespace, written with resourceVersion-guarded updates and read
/// through a watch, by two replicas of the adapter on the emulated API server.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class SessionRevocationsOnEmulatorTests : IAsyncLifetime
{
    private const string Namespace = "aigc";
    private KubernetesEmulator _emulator = null!;
    private readonly List<KubernetesSessionRevocations> _replicas = [];

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _emulator = await KubernetesEmulator.StartAsync(KubernetesEmulatorOptions.ForTests, Ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.StopAsync(CancellationToken.None);
            replica.Dispose();
        }

        await _emulator.DisposeAsync();
    }

    private Kubernetes Client() => new(new KubernetesClientConfiguration { Host = _emulator.BaseAddress.ToString() });

    private async Task<KubernetesSessionRevocations> ReplicaAsync(TimeProvider? time = null)
    {
        var replica = new KubernetesSessionRevocations(Client(), Namespace, time ?? TimeProvider.System, NullLogger<KubernetesSessionRevocations>.Instance)
        {
            RetryDelay = TimeSpan.FromMilliseconds(200),
        };
        _replicas.Add(replica);
        await replica.StartAsync(Ct);
        await Eventually.HoldsAsync(() => replica.IsReady, "the replica has read the revocations");
        return replica;
    }

    private async Task<IDictionary<string, string>> StoredAsync()
    {
        var map = await Client().CoreV1.ReadNamespacedConfigMapAsync(KubernetesSessionRevocations.ConfigMapName, Namespace, cancellationToken: Ct);
        return map.Data ?? new Dictionary<string, string>();
    }

    [Fact]
    public async Task A_session_revoked_on_one_replica_is_revoked_on_the_other_within_a_second()
    {
        var first = await ReplicaAsync();
        var second = await ReplicaAsync();

        (await first.RevokeAsync("s-1", DateTimeOffset.UtcNow.AddHours(1), Ct)).ShouldBeTrue();

        first.IsRevoked("s-1").ShouldBeTrue();
        await Eventually.HoldsAsync(() => second.IsRevoked("s-1"), "the other replica sees the revocation", TimeSpan.FromSeconds(2));
        second.IsRevoked("s-2").ShouldBeFalse();
        (await StoredAsync()).Keys.ShouldBe(["s-1"]);
    }

    [Fact]
    public async Task A_replica_started_later_reads_the_revocations_already_made()
    {
        var first = await ReplicaAsync();
        await first.RevokeAsync("s-1", DateTimeOffset.UtcNow.AddHours(1), Ct);

        var later = await ReplicaAsync();

        later.IsRevoked("s-1").ShouldBeTrue();
    }

    [Fact]
    public async Task Concurrent_revocations_from_both_replicas_are_all_kept()
    {
        var first = await ReplicaAsync();
        var second = await ReplicaAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? first : second).RevokeAsync($"s-{i}", DateTimeOffset.UtcNow.AddHours(1), Ct)));

        results.ShouldAllBe(ok => ok);
        (await StoredAsync()).Keys.Order().ShouldBe(Enumerable.Range(0, 40).Select(i => $"s-{i}").Order());
        await Eventually.HoldsAsync(() => Enumerable.Range(0, 40).All(i => first.IsRevoked($"s-{i}") && second.IsRevoked($"s-{i}")), "both replicas see every revocation");
    }

    [Fact]
    public async Task Sessions_past_their_end_are_pruned_when_the_list_is_written()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var replica = await ReplicaAsync(time);
        await replica.RevokeAsync("s-old", time.GetUtcNow().AddHours(1), Ct);

        time.Advance(TimeSpan.FromHours(2));
        await replica.RevokeAsync("s-new", time.GetUtcNow().AddHours(1), Ct);

        (await StoredAsync()).Keys.ShouldBe(["s-new"]);
    }

    [Fact]
    public async Task Conflicting_writes_are_read_again_and_retried()
    {
        var replica = await ReplicaAsync();
        await replica.RevokeAsync("s-1", DateTimeOffset.UtcNow.AddHours(1), Ct);
        _emulator.Faults.FailNextWrites(3, 409);

        (await replica.RevokeAsync("s-2", DateTimeOffset.UtcNow.AddHours(1), Ct)).ShouldBeTrue();

        (await StoredAsync()).Keys.Order().ShouldBe(["s-1", "s-2"]);
    }

    [Fact]
    public async Task While_the_api_server_fails_the_revocation_holds_here_and_is_written_later()
    {
        var first = await ReplicaAsync();
        var second = await ReplicaAsync();
        _emulator.Faults.FailNextWrites(50, 500);

        (await first.RevokeAsync("s-1", DateTimeOffset.UtcNow.AddHours(1), Ct)).ShouldBeFalse();
        first.IsRevoked("s-1").ShouldBeTrue();
        _emulator.Faults.FailNextWrites(0, 500);

        await Eventually.HoldsAsync(() => second.IsRevoked("s-1"), "the retried write reaches the other replica");
    }

    [Fact]
    public async Task Revocations_keep_arriving_after_dropped_watches_and_a_compacted_history()
    {
        var first = await ReplicaAsync();
        var second = await ReplicaAsync();

        _emulator.Faults.DropWatches();
        await first.RevokeAsync("s-1", DateTimeOffset.UtcNow.AddHours(1), Ct);
        await Eventually.HoldsAsync(() => second.IsRevoked("s-1"), "a revocation after dropped watches arrives");

        _emulator.Faults.CompactHistory();
        _emulator.Faults.DropWatches();
        await first.RevokeAsync("s-2", DateTimeOffset.UtcNow.AddHours(1), Ct);
        await Eventually.HoldsAsync(() => second.IsRevoked("s-2"), "a revocation after a compacted history arrives");
    }
}
