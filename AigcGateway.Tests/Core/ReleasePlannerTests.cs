using System.Collections.Immutable;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Core;

public sealed class ReleasePlannerTests
{
    private static readonly TemplateRef Ref = TestTemplates.Ref;

    private static TemplateState State(int replicas, IEnumerable<int> reserved, IDictionary<int, string>? owners = null, bool installable = true) => new()
    {
        Template = TestTemplates.Template() with
        {
            DataVolumeNames = ["user-data"],
            Problems = installable ? [] : [new(ConformanceCode.ReserveIdsRequired, ConformanceSeverity.Error, "General")],
        },
        Replicas = replicas,
        Reserved = ReserveIdSet.Of(reserved),
        Owners = (owners ?? new Dictionary<int, string>()).ToImmutableSortedDictionary(),
        ResourceVersion = "1",
    };

    private static ClusterSnapshot Snapshot(TemplateState state, IEnumerable<int>? servers = null, IEnumerable<int>? pods = null, IEnumerable<string>? volumes = null) => new()
    {
        IsReady = true,
        Templates = ImmutableDictionary<TemplateRef, TemplateState>.Empty.Add(Ref, state),
        GameServers = servers is null
            ? ImmutableDictionary<TemplateRef, ImmutableDictionary<int, GameServerObservation>>.Empty
            : ImmutableDictionary<TemplateRef, ImmutableDictionary<int, GameServerObservation>>.Empty.Add(
                Ref, servers.ToImmutableDictionary(id => id, id => new GameServerObservation { Id = id, CurrentState = "Ready" })),
        Pods = (pods ?? []).ToImmutableDictionary(id => new InstanceRef(Ref, id), _ => new AigcGateway.Core.Diagnostics.PodObservation("Running", [], [])),
        Volumes = (volumes ?? []).Select(v => $"{Ref.Namespace}/{v}").ToImmutableHashSet(),
    };

    [Fact]
    public void A_reserved_id_that_nothing_holds_is_released()
    {
        var state = State(1, [0, 2], new Dictionary<int, string> { [0] = "alice", [1] = "bob" });

        ReleasePlanner.Leaked(state, Snapshot(state, servers: [1], pods: [1], volumes: ["user-data-sd-cpu-0", "user-data-sd-cpu-1"]), Gate.Open)
            .ShouldBe([2]);
    }

    [Fact]
    public void An_owner_a_pod_or_a_pvc_of_any_volume_template_holds_the_id()
    {
        var state = State(1, [0, 3, 4, 5, 7], new Dictionary<int, string> { [0] = "alice", [1] = "bob" });

        // 0 has an owner (paused), 3 a pod (Terminating), 4 and 5 a PVC (Terminating counts; any volume claim template);
        // the PVC of 7 belongs to another template
        var snapshot = Snapshot(state, servers: [1], pods: [1, 3], volumes: ["user-data-sd-cpu-4", "old-cache-sd-cpu-5", "user-data-other-7"]);

        ReleasePlanner.Leaked(state, snapshot, Gate.Open).ShouldBe([7]);
    }

    [Fact]
    public void Nothing_is_released_before_okg_has_created_the_instances_it_was_asked_for()
    {
        // a recover of id 3 reserved the free ids 0-2 below it so OKG creates 3: releasing them first would let OKG take 0
        var state = State(1, [0, 1, 2], new Dictionary<int, string> { [3] = "alice" });

        ReleasePlanner.Leaked(state, Snapshot(state, servers: []), Gate.Open).ShouldBeEmpty();
        ReleasePlanner.Leaked(state, Snapshot(state, servers: [3], pods: [3]), Gate.Open).ShouldBe([0, 1, 2]);
    }

    [Fact]
    public void Nothing_is_released_until_adoption_has_completed_nor_an_id_an_adoption_conflict_names()
    {
        var state = State(0, [0, 1]);

        ReleasePlanner.Leaked(state, Snapshot(state), Gate.Closed).ShouldBeEmpty();
        ReleasePlanner.Leaked(state, Snapshot(state), Gate.Holding(new InstanceRef(Ref, 1))).ShouldBe([0]);
    }

    [Fact]
    public void A_template_the_gateway_does_not_manage_is_left_alone()
    {
        var state = State(0, [0], installable: false);

        ReleasePlanner.Leaked(state, Snapshot(state), Gate.Open).ShouldBeEmpty();
    }

    private sealed class Gate(bool open, params InstanceRef[] held) : IReleaseGate
    {
        public static Gate Open { get; } = new(true);

        public static Gate Closed { get; } = new(false);

        public bool IsOpen => open;

        public static Gate Holding(InstanceRef instance) => new(true, instance);

        public bool Holds(InstanceRef instance) => held.Contains(instance);
    }
}
