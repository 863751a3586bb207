using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

public sealed class LifecyclePlannerTests
{
    private static TemplateState State(int replicas, ReserveIdSet reserved, params (int Id, string User)[] owners) => new()
    {
        Template = TestTemplates.Template() with { DataVolumeNames = ["user-data"] },
        Replicas = replicas,
        Reserved = reserved,
        Owners = OwnershipRecord.Empty.AddRange(owners.Select(o => new KeyValuePair<int, string>(o.Id, o.User))),
        ResourceVersion = "1",
    };

    [Fact]
    public void Owned_ids_not_yet_created_count_as_occupied()
    {
        var state = State(2, ReserveIdSet.Of(1), (0, "a"), (1, "b"), (2, "c"));

        LifecyclePlanner.Occupied(state, [0]).ShouldBe([0, 2]);
    }

    [Fact]
    public void Install_skips_an_owned_id_whose_game_server_is_not_created_yet()
    {
        var (id, write) = LifecyclePlanner.Install(State(1, ReserveIdSet.Empty, (0, "a")), [], "b");

        id.ShouldBe(1);
        write.Replicas.ShouldBe(2);
        write.Owners[1].ShouldBe("b");
    }

    [Fact]
    public void Pause_never_lowers_replicas_below_zero()
    {
        LifecyclePlanner.Pause(State(0, ReserveIdSet.Empty, (0, "a")), 0).Replicas.ShouldBe(0);
    }

    [Fact]
    public void Recover_of_the_lowest_free_id_reserves_nothing_else()
    {
        var write = LifecyclePlanner.Recover(State(1, ReserveIdSet.Of(1), (0, "a"), (1, "b")), [0], 1);

        write.Reserved.IsEmpty.ShouldBeTrue();
        write.Replicas.ShouldBe(2);
    }

    [Fact]
    public void Recover_reserves_only_the_free_ids_below_and_leaves_running_and_owned_ids_alone()
    {
        // 0 runs (a), 1 is paused (b), 2 is installed but not created yet (c), 3 and 4 are free, 5 is alice's
        var state = State(2, ReserveIdSet.Of(1, 5), (0, "a"), (1, "b"), (2, "c"), (5, "alice"));

        var write = LifecyclePlanner.Recover(state, [0], 5);

        write.Reserved.ToString().ShouldBe("1,3-4");
        write.Replicas.ShouldBe(3);
        write.Owners.ShouldBe(state.Owners);
        // OKG creates the lowest ids neither running nor reserved: c's 2, then alice's 5
        Enumerable.Range(1, 10).Where(id => !write.Reserved.Contains(id)).Take(2).ShouldBe([2, 5]);
    }

    [Fact]
    public void Release_with_volumes_gone_frees_the_id()
    {
        var write = LifecyclePlanner.Release(State(0, ReserveIdSet.Of(4), (4, "a")), 4, dataVolumesGone: true);

        write.Owners.ShouldBeEmpty();
        write.Reserved.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Release_with_a_volume_still_terminating_keeps_the_id_reserved()
    {
        var write = LifecyclePlanner.Release(State(0, ReserveIdSet.Of(4), (4, "a")), 4, dataVolumesGone: false);

        write.Owners.ShouldBeEmpty();
        write.Reserved.Contains(4).ShouldBeTrue();
    }

    [Fact]
    public void Corrections_pair_missing_recorded_ids_with_unrecorded_game_servers()
    {
        var state = State(2, ReserveIdSet.Empty, (0, "a"), (1, "b"));

        LifecyclePlanner.Corrections(state, [0, 5]).ShouldBe([(1, 5)]);
    }

    [Fact]
    public void No_correction_while_fewer_game_servers_than_replicas_exist()
    {
        LifecyclePlanner.Corrections(State(2, ReserveIdSet.Empty, (0, "a"), (1, "b")), [0]).ShouldBeEmpty();
    }

    [Fact]
    public void Correct_moves_the_owner_to_the_created_id()
    {
        var write = LifecyclePlanner.Correct(State(2, ReserveIdSet.Empty, (0, "a"), (1, "b")), [(1, 5)]);

        write.Owners.ShouldBe(new Dictionary<int, string> { [0] = "a", [5] = "b" });
    }
}
