using AigcGateway.Core.Access;
using AigcGateway.Core.Instances;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Core;

public sealed class OwnershipPortsTests
{
    private readonly SnapshotHub _hub = new();
    private readonly FakeCluster _cluster;
    private readonly InstanceService _service;

    public OwnershipPortsTests()
    {
        _cluster = new FakeCluster(_hub);
        _service = new InstanceService(_hub, _cluster, new FakeMirror(), new LifecycleOptions(), TimeProvider.System, NullLogger<InstanceService>.Instance);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private InstanceRef Ref(int id) => new(_cluster.Ref, id);

    [Fact]
    public async Task The_ownership_source_answers_null_until_the_cache_is_ready()
    {
        (await new OwnershipSource(new SnapshotHub()).GetAsync(Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task The_ownership_source_gives_the_owners_of_catalog_templates()
    {
        await _service.InstallAsync("alice", _cluster.Ref, Ct);

        var snapshot = (await new OwnershipSource(_hub).GetAsync(Ct))!;

        snapshot.Templates.ShouldContain(_cluster.Ref);
        snapshot.DesiredFor("alice")[_cluster.Ref].ShouldBe(Ref(0));
    }

    [Fact]
    public async Task The_forward_auth_index_finds_an_instance_by_its_host_with_its_owner()
    {
        await _service.InstallAsync("alice", _cluster.Ref, Ct);
        var source = new ForwardAuthIndexSource(_hub);

        ForwardAuthTarget.TryParse("https://i0.example.com/app", out var target, out _).ShouldBeTrue();
        var endpoint = source.Current.Find(target!);

        endpoint.ShouldNotBeNull();
        endpoint.OwnerId.ShouldBe("alice");
        endpoint.Instance.ShouldBe(Ref(0));
    }

    [Fact]
    public void The_forward_auth_index_is_rebuilt_only_when_the_snapshot_changes()
    {
        var source = new ForwardAuthIndexSource(_hub);
        var first = source.Current;

        source.Current.ShouldBeSameAs(first);
        _cluster.AddGameServer(9);
        source.Current.ShouldNotBeSameAs(first);
    }
}
