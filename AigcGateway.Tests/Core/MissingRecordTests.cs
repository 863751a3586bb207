using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging.Abstractions;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Core;

/// <summary>
/// A record without an instance (owner entry, no GameServer, no reservation, not about to be created): shown to its
/// owner as missing, removable, and never a reason to change replicas or the reserve list.
/// </summary>
public sealed class MissingRecordTests
{
    private readonly SnapshotHub _hub = new();
    private readonly FakeMirror _mirror = new();
    private readonly FakeCluster _cluster;
    private readonly InstanceService _service;

    public MissingRecordTests()
    {
        _cluster = new FakeCluster(_hub) { ReserveImplicitIds = true };
        _service = new InstanceService(_hub, _cluster, _mirror,
            new LifecycleOptions { UninstallPodWait = TimeSpan.FromSeconds(5), CoalesceWindow = TimeSpan.Zero },
            TimeProvider.System, NullLogger<InstanceService>.Instance);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private InstanceRef Ref(int id) => new(_cluster.Ref, id);

    /// <summary>alice runs id 0; bob's record names id 5, which OKG never created (what the earlier adoption wrote).</summary>
    private async Task<InstanceRef> AliceRunsAndBobHasAPhantomAsync(int phantom = 5)
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        _cluster.Set(s => s with { Owners = s.Owners.Add(phantom, "bob") });
        return alice;
    }

    [Fact]
    public async Task A_record_without_a_game_server_or_reservation_is_shown_to_its_owner_as_missing()
    {
        await AliceRunsAndBobHasAPhantomAsync();

        var bob = (await _service.DashboardAsync("bob")).Instances.ShouldHaveSingleItem();

        bob.Ref.ShouldBe(Ref(5));
        bob.State.ShouldBe(InstanceState.Missing);
        (await _service.DashboardAsync("alice")).Instances.ShouldHaveSingleItem().State.ShouldBe(InstanceState.Running);
    }

    [Fact]
    public async Task A_recorded_id_that_okg_is_about_to_create_is_installing_not_missing()
    {
        _cluster.RunController = false;

        await _service.InstallAsync("alice", _cluster.Ref, Ct);

        _cluster.GameServers.ShouldBeEmpty();
        (await _service.DashboardAsync("alice")).Instances.ShouldHaveSingleItem().State.ShouldBe(InstanceState.Installing);
    }

    [Fact]
    public async Task Pausing_a_missing_record_is_refused_and_stops_nobody()
    {
        var alice = await AliceRunsAndBobHasAPhantomAsync();
        var writes = _cluster.Writes;

        var result = await _service.PauseAsync("bob", Ref(5), Ct);

        result.Error.ShouldBe(OperationError.InstanceMissing);
        _cluster.Writes.ShouldBe(writes);
        _cluster.GameServers.ShouldBe([alice.Id]);
        _cluster.State.Replicas.ShouldBe(1);
    }

    [Fact]
    public async Task Uninstalling_a_missing_record_is_refused_and_stops_nobody()
    {
        var alice = await AliceRunsAndBobHasAPhantomAsync();

        var result = await _service.UninstallAsync("bob", Ref(5), Ct);

        result.Error.ShouldBe(OperationError.InstanceMissing);
        _cluster.GameServers.ShouldBe([alice.Id]);
        _cluster.State.Replicas.ShouldBe(1);
        _cluster.State.Reserved.IsEmpty.ShouldBeTrue();
        (await _service.DashboardAsync("bob")).Instances.ShouldHaveSingleItem().State.ShouldBe(InstanceState.Missing);
    }

    [Fact]
    public async Task An_install_that_would_start_someone_elses_missing_record_is_refused()
    {
        // OKG creates the lowest free id: that is bob's phantom 1, not the id carol would be recorded for
        await AliceRunsAndBobHasAPhantomAsync(phantom: 1);
        var writes = _cluster.Writes;

        var result = await _service.InstallAsync("carol", _cluster.Ref, Ct);

        result.Error.ShouldBe(OperationError.AffectsOthers);
        _cluster.Writes.ShouldBe(writes);
        _cluster.GameServers.ShouldBe([0]);
        (await _service.DashboardAsync("bob")).Instances.ShouldHaveSingleItem().State.ShouldBe(InstanceState.Missing);
    }

    [Fact]
    public async Task An_install_below_a_missing_record_goes_ahead()
    {
        await AliceRunsAndBobHasAPhantomAsync(phantom: 5);

        var result = await _service.InstallAsync("carol", _cluster.Ref, Ct);

        result.Instance.ShouldBe(Ref(1));
        _cluster.GameServers.ShouldBe([0, 1]);
    }

    [Fact]
    public async Task Removing_a_missing_record_drops_only_the_owner_entry_and_the_logto_entry()
    {
        var alice = await AliceRunsAndBobHasAPhantomAsync();
        var (replicas, reserved) = (_cluster.State.Replicas, _cluster.State.Reserved);

        var result = await _service.RemoveAsync("bob", Ref(5), Ct);

        result.Succeeded.ShouldBeTrue();
        _cluster.State.Owners.ShouldNotContainKey(5);
        _cluster.State.Owners[alice.Id].ShouldBe("alice");
        (_cluster.State.Replicas, _cluster.State.Reserved).ShouldBe((replicas, reserved));
        _cluster.GameServers.ShouldBe([alice.Id]);
        _mirror.Entries[("bob", _cluster.Ref)].ShouldBeNull();
        (await _service.DashboardAsync("bob")).Instances.ShouldBeEmpty();
    }

    [Fact]
    public async Task Removing_an_instance_that_exists_is_refused()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;

        (await _service.RemoveAsync("alice", alice, Ct)).Error.ShouldBe(OperationError.InstanceExists);
        (await _service.RemoveAsync("bob", alice, Ct)).Error.ShouldBe(OperationError.NotOwner);
        _cluster.State.Owners[alice.Id].ShouldBe("alice");
    }

    [Fact]
    public async Task Id_verification_never_moves_a_missing_record_onto_an_instance_nobody_owns()
    {
        // the earlier gateway's instances 0 and 1 run, not adopted (yet); bob's record names 5, which never existed
        _cluster.Set(s => s with { Replicas = 2 });
        _cluster.Set(s => s with { Owners = s.Owners.Add(5, "bob") });

        (await _service.VerifyIdsAsync(_cluster.Ref, Ct)).ShouldBe(0);

        _cluster.State.Owners.ShouldBe(new Dictionary<int, string> { [5] = "bob" });
    }

    [Fact]
    public void The_invariant_refuses_a_scale_down_that_would_stop_another_users_instance()
    {
        var basis = State(replicas: 2, owners: [(0, "carol"), (1, "alice"), (3, "bob")]);
        var write = new TemplateWrite(1, ReserveIdSet.Of(3), basis.Owners, basis.ReserveFormat);

        var violation = LifecycleInvariant.Check(basis, write, [0, 1]).ShouldNotBeNull();

        violation.StoppedIds.ShouldBe([1]);
        violation.MissingIds.ShouldBe([3]);
    }

    [Fact]
    public void The_invariant_accepts_a_pause_of_an_instance_okg_is_still_creating()
    {
        var basis = State(replicas: 2, owners: [(0, "alice"), (1, "bob")]);
        var write = new TemplateWrite(1, ReserveIdSet.Of(1), basis.Owners, basis.ReserveFormat);

        LifecycleInvariant.Check(basis, write, [0]).ShouldBeNull();
    }

    [Fact]
    public void The_invariant_refuses_a_new_owner_for_an_id_okg_will_not_run()
    {
        var basis = State(replicas: 1, owners: [(0, "alice")]);
        var write = new TemplateWrite(1, basis.Reserved, basis.Owners.Add(4, "bob"), basis.ReserveFormat);

        LifecycleInvariant.Check(basis, write, [0]).ShouldNotBeNull().PhantomIds.ShouldBe([4]);
    }

    private TemplateState State(int replicas, (int Id, string Owner)[] owners) => _cluster.State with
    {
        Replicas = replicas,
        Reserved = ReserveIdSet.Empty,
        Owners = OwnershipRecord.Empty.AddRange(owners.Select(o => KeyValuePair.Create(o.Id, o.Owner))),
    };
}
