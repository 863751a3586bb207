using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Core;

public sealed class StartupFactsTests
{
    private static PodObservation Pod(string phase, string scheduled) =>
        new(phase, [], [new ConditionObservation("PodScheduled", scheduled)]);

    private static GameServerObservation GameServer(string state, string? network = null) =>
        new() { Id = 0, CurrentState = state, NetworkState = network };

    [Fact]
    public void Nothing_is_known_before_the_pod_or_the_game_server_exists()
    {
        StartupFacts.From(null, null).ShouldBeNull();
    }

    [Fact]
    public void A_pending_pod_without_a_node_is_not_scheduled()
    {
        StartupFacts.From(GameServer("Creating"), Pod("Pending", "False")).ShouldBe(new StartupFacts(false, false, false, false));
    }

    [Fact]
    public void A_placed_pod_still_pending_is_preparing_its_container()
    {
        StartupFacts.From(GameServer("Creating"), Pod("Pending", "True")).ShouldBe(new StartupFacts(true, false, false, false));
    }

    [Fact]
    public void A_running_pod_waits_for_readiness_then_for_the_network()
    {
        StartupFacts.From(GameServer("NotReady"), Pod("Running", "True")).ShouldBe(new StartupFacts(true, true, false, false));
        StartupFacts.From(GameServer("Ready", "Waiting"), Pod("Running", "True")).ShouldBe(new StartupFacts(true, true, true, false));
        StartupFacts.From(GameServer("Ready", "Ready"), Pod("Running", "True")).ShouldBe(new StartupFacts(true, true, true, true));
    }

    [Fact]
    public void The_game_servers_copy_of_the_pod_status_is_used_when_the_pod_is_not_cached()
    {
        var gs = GameServer("Creating") with { PodStatus = Pod("Running", "True") };

        StartupFacts.From(gs, null)!.ContainerStarted.ShouldBeTrue();
    }
}
