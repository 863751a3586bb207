using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using Microsoft.Extensions.Logging.Abstractions;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Core;

/// <summary>
/// Writing owners for entries found only in Logto, over the in-memory cluster: an entry is adopted only when an
/// instance exists for its id (a GameServer or a reservation), never for another user's id or a template that is gone.
/// </summary>
public sealed class AdoptionMatrixTests
{
    private readonly SnapshotHub _hub = new();
    private readonly FakeMirror _mirror = new();
    private readonly FakeCluster _cluster;
    private readonly InstanceService _service;
    private readonly InstanceRecords _records;

    public AdoptionMatrixTests()
    {
        _cluster = new FakeCluster(_hub) { ReserveImplicitIds = true };
        _service = new InstanceService(_hub, _cluster, _mirror, new LifecycleOptions(), TimeProvider.System, NullLogger<InstanceService>.Instance);
        _records = new InstanceRecords(_service.Writer, _hub, _mirror, NullLogger<InstanceRecords>.Instance);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private InstanceRef Ref(int id) => new(_cluster.Ref, id);

    [Fact]
    public async Task An_entry_for_an_existing_game_server_nobody_owns_is_adopted_in_one_update()
    {
        _cluster.Set(s => s with { Replicas = 2 });
        var writes = _cluster.Writes;

        var outcome = await _records.AdoptAsync(Ref(1), "legacy-user", Ct);

        outcome.Result.ShouldBe(AdoptionResult.Adopted);
        outcome.ResourceVersion.ShouldBe(_cluster.State.ResourceVersion);
        _cluster.Writes.ShouldBe(writes + 1);
        _cluster.State.Owners[1].ShouldBe("legacy-user");
        _cluster.State.Replicas.ShouldBe(2);
        _cluster.GameServers.ShouldBe([0, 1]);
        (await _service.DashboardAsync("legacy-user")).Instances.ShouldHaveSingleItem().State.ShouldBe(InstanceState.Running);
    }

    [Fact]
    public async Task An_entry_for_a_reserved_id_is_adopted_as_a_paused_instance()
    {
        // the earlier gateway paused id 1: reserved, its volumes kept
        _cluster.Set(s => s with { Replicas = 2 });
        _cluster.Set(s => s with { Replicas = 1, Reserved = ReserveIdSet.Of(1) });

        var outcome = await _records.AdoptAsync(Ref(1), "legacy-user", Ct);

        outcome.Result.ShouldBe(AdoptionResult.Adopted);
        (await _service.DashboardAsync("legacy-user")).Instances.ShouldHaveSingleItem().State.ShouldBe(InstanceState.Paused);
        _cluster.State.Replicas.ShouldBe(1);
        _cluster.GameServers.ShouldBe([0]);
    }

    [Fact]
    public async Task An_entry_for_an_id_without_a_game_server_or_a_reservation_is_not_adopted()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        var writes = _cluster.Writes;

        var outcome = await _records.AdoptAsync(Ref(5), "bob", Ct);

        outcome.Result.ShouldBe(AdoptionResult.Missing);
        _cluster.Writes.ShouldBe(writes);
        _cluster.State.Owners.ShouldNotContainKey(5);
        _cluster.GameServers.ShouldBe([alice.Id]);
        (await _service.DashboardAsync("bob")).Instances.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_entry_for_a_reserved_id_without_its_data_volume_is_not_adopted()
    {
        // ids are also reserved to steer OKG (recover) and while an uninstalled id's volumes are deleted: no instance there
        _cluster.Set(s => s with { Replicas = 1, Reserved = ReserveIdSet.Of(1) });

        (await _records.AdoptAsync(Ref(1), "legacy-user", Ct)).Result.ShouldBe(AdoptionResult.Missing);
        _cluster.State.Owners.ShouldNotContainKey(1);
    }

    [Fact]
    public async Task An_entry_for_another_users_id_is_not_adopted()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;

        (await _records.AdoptAsync(alice, "bob", Ct)).Result.ShouldBe(AdoptionResult.OwnedByOtherUser);
        _cluster.State.Owners[alice.Id].ShouldBe("alice");
    }

    [Fact]
    public async Task An_entry_for_a_deleted_template_is_not_adopted()
    {
        (await _records.AdoptAsync(new InstanceRef(new TemplateRef("x", "gone"), 0), "bob", Ct)).Result.ShouldBe(AdoptionResult.TemplateGone);
    }

    [Fact]
    public async Task Adopting_an_id_the_user_already_owns_writes_nothing()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        var writes = _cluster.Writes;

        var outcome = await _records.AdoptAsync(alice, "alice", Ct);

        outcome.Result.ShouldBe(AdoptionResult.AlreadyOwned);
        outcome.ResourceVersion.ShouldBe(_cluster.State.ResourceVersion);
        _cluster.Writes.ShouldBe(writes);
    }

    [Fact]
    public async Task An_entry_of_a_user_who_owns_another_instance_of_the_template_is_not_adopted()
    {
        _cluster.Set(s => s with { Replicas = 2 });
        (await _records.AdoptAsync(Ref(0), "alice", Ct)).Result.ShouldBe(AdoptionResult.Adopted);

        (await _records.AdoptAsync(Ref(1), "alice", Ct)).Result.ShouldBe(AdoptionResult.UserOwnsOtherInstance);
        _cluster.State.Owners.ShouldNotContainKey(1);
    }

    [Fact]
    public async Task An_administrator_gives_an_instance_to_another_claimant_and_both_mirror_entries_follow()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;

        var outcome = await _records.AssignAsync(alice, "bob", Ct);

        outcome.Result.ShouldBe(AdoptionResult.Adopted);
        _cluster.State.Owners[alice.Id].ShouldBe("bob");
        _cluster.GameServers.ShouldBe([alice.Id]);
        _mirror.Entries[("bob", _cluster.Ref)].ShouldBe(alice);
        _mirror.Entries[("alice", _cluster.Ref)].ShouldBeNull();
    }

    [Fact]
    public async Task An_administrator_cannot_give_a_missing_instance()
    {
        await _service.InstallAsync("alice", _cluster.Ref, Ct);

        (await _records.AssignAsync(Ref(4), "bob", Ct)).Result.ShouldBe(AdoptionResult.Missing);
        _cluster.State.Owners.ShouldNotContainKey(4);
    }
}
