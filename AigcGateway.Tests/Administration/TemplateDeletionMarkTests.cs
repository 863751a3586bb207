using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Tests.Core;

namespace AigcGateway.Tests.Administration;

public sealed class TemplateDeletionMarkTests
{
    private static TemplateState State(int replicas, ReserveIdSet reserved, params (int Id, string User)[] owners) => new()
    {
        Template = TestTemplates.Template(),
        Replicas = replicas,
        Reserved = reserved,
        Owners = OwnershipRecord.Empty.AddRange(owners.Select(o => KeyValuePair.Create(o.Id, o.User))),
        ResourceVersion = "7",
    };

    [Fact]
    public void The_mark_stops_everything_and_reserves_each_owned_instance_as_a_pause_would()
    {
        // 0 alice running, 1 unowned running, 2 bob paused, 3 carol running
        var basis = State(3, ReserveIdSet.Of(2), (0, "alice"), (2, "bob"), (3, "carol"));
        int[] present = [0, 1, 3];

        var change = TemplateDeletionMark.Plan(basis, TemplateDeletionMode.KeepVolumes, present);

        change.Annotations[TemplateAnnotations.Deletion].ShouldBe("keep-volumes");
        change.Write!.Replicas.ShouldBe(0);
        change.Write.Reserved.ShouldBe(ReserveIdSet.Of(0, 2, 3));
        change.Write.Owners.ShouldBe(basis.Owners);
        LifecycleInvariant.Check(basis, change.Write, present).ShouldBeNull();
    }

    [Fact]
    public void A_missing_record_is_left_as_it_is_so_the_mark_obeys_the_lifecycle_invariant()
    {
        // 4 is owned by dave but has neither a GameServer nor a reservation
        var basis = State(1, ReserveIdSet.Empty, (0, "alice"), (4, "dave"));
        int[] present = [0];

        var change = TemplateDeletionMark.Plan(basis, TemplateDeletionMode.DeleteVolumes, present);

        change.Write!.Reserved.ShouldBe(ReserveIdSet.Of(0));
        LifecycleInvariant.Check(basis, change.Write, present).ShouldBeNull();
    }

    [Fact]
    public void With_an_unreadable_ownership_record_only_the_mark_is_written()
    {
        var basis = State(2, ReserveIdSet.Empty) with
        {
            Template = TestTemplates.Template() with
            {
                Problems = [new ConformanceProblem(ConformanceCode.InvalidOwnershipRecord, ConformanceSeverity.Error, "unreadable")],
            },
        };

        var change = TemplateDeletionMark.Plan(basis, TemplateDeletionMode.KeepVolumes, [0, 1]);

        change.Write.ShouldBeNull();
        change.Annotations.ShouldContainKey(TemplateAnnotations.Deletion);
    }
}
