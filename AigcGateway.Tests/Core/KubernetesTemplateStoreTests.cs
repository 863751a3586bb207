using System.Globalization;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using k8s;

namespace AigcGateway.Tests.Core;

public sealed class KubernetesTemplateStoreTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static GameServerSet Gss() => KubernetesJson.Deserialize<GameServerSet>(Fixture.Read("gameserverset-ingress-reserveids.json"));

    [Fact]
    public async Task A_write_puts_the_object_it_was_computed_from_with_its_resource_version()
    {
        var api = new OneObjectApi(Gss());
        var store = new KubernetesTemplateStore(api, ConformanceRules.Unknown);
        var basis = GameServerSetMapper.ToState(Gss(), ConformanceRules.Unknown);

        var written = await store.WriteAsync(basis, LifecyclePlanner.Install(basis, [0, 2], "alice").Write, Ct);

        api.Puts.ShouldBe(1);
        api.Current.Spec.Replicas.ShouldBe(3);
        api.Current.Spec.GameServerTemplate!.VolumeClaimTemplates.ShouldHaveSingleItem();
        written.ResourceVersion.ShouldBe("918274");
        written.Owners[6].ShouldBe("alice");
        written.Reserved.ToString().ShouldBe("1,3-5");
    }

    [Fact]
    public async Task A_write_from_a_stale_version_is_a_conflict()
    {
        var api = new OneObjectApi(Gss());
        var store = new KubernetesTemplateStore(api, ConformanceRules.Unknown);
        var basis = GameServerSetMapper.ToState(Gss(), ConformanceRules.Unknown);
        await store.WriteAsync(basis, LifecyclePlanner.Pause(basis, 0), Ct);

        await Should.ThrowAsync<ClusterConflictException>(() => store.WriteAsync(basis, LifecyclePlanner.Pause(basis, 2), Ct));
    }

    [Fact]
    public async Task A_read_maps_the_current_object()
    {
        var store = new KubernetesTemplateStore(new OneObjectApi(Gss()), ConformanceRules.Unknown);

        var state = await store.ReadAsync(new TemplateRef("default", "sd-cpu"), Ct);

        state!.Replicas.ShouldBe(2);
        (await store.ReadAsync(new TemplateRef("default", "other"), Ct)).ShouldBeNull();
    }

    /// <summary>An API holding one GameServerSet that enforces resourceVersion on PUT like the API server.</summary>
    private sealed class OneObjectApi(GameServerSet current) : IKubernetesApi
    {
        public GameServerSet Current { get; private set; } = current;

        public int Puts { get; private set; }

        public Task<GameServerSet?> ReadGameServerSetAsync(string @namespace, string name, CancellationToken cancellationToken) =>
            Task.FromResult(name == Current.Metadata.Name ? KubernetesJson.Deserialize<GameServerSet>(KubernetesJson.Serialize(Current)) : null);

        public Task<GameServerSet> ReplaceGameServerSetAsync(GameServerSet gameServerSet, CancellationToken cancellationToken)
        {
            Puts++;
            if (gameServerSet.Metadata.ResourceVersion != Current.Metadata.ResourceVersion)
            {
                throw new ClusterConflictException("stale");
            }

            var next = KubernetesJson.Deserialize<GameServerSet>(KubernetesJson.Serialize(gameServerSet));
            next.Metadata.ResourceVersion = (long.Parse(Current.Metadata.ResourceVersion, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            Current = next;
            return Task.FromResult(next);
        }

        public Task<KubeList<T>> ListAsync<T>(WatchedKind kind, string? @namespace, string? labelSelector, CancellationToken cancellationToken)
            where T : class => throw new NotSupportedException();

        public IAsyncEnumerable<KubeEvent<T>> WatchAsync<T>(WatchedKind kind, string? @namespace, string? labelSelector, string resourceVersion, CancellationToken cancellationToken)
            where T : class => throw new NotSupportedException();

        public Task PatchGameServerSetAsync(string @namespace, string name, string patch, bool jsonPatch, CancellationToken cancellationToken) =>
            throw new NotSupportedException("mirror marks are not part of this fake");

        public Task DeletePodAsync(string @namespace, string name, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> DeletePersistentVolumeClaimAsync(string @namespace, string name, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
