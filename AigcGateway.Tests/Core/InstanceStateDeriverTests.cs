using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Core;

public sealed class InstanceStateDeriverTests
{
    private static readonly DateTimeOffset s_now = new(2024, 3, 22, 10, 0, 0, TimeSpan.Zero);

    private static GameServerObservation Gs(string state, string? network = "Ready") =>
        new() { Id = 1, CurrentState = state, NetworkState = network, Created = s_now.AddMinutes(-1) };

    private static InstanceState StateOf(InstanceFacts facts) => InstanceStateDeriver.Derive(facts, s_now).State;

    [Fact]
    public void An_id_without_an_owner_is_not_installed()
    {
        StateOf(new InstanceFacts { GameServer = Gs("Ready") }).ShouldBe(InstanceState.NotInstalled);
    }

    [Fact]
    public void A_pending_install_before_the_record_is_visible_is_installing()
    {
        StateOf(new InstanceFacts { Pending = new(PendingOperation.Install, s_now) }).ShouldBe(InstanceState.Installing);
    }

    [Fact]
    public void An_owned_reserved_id_without_a_game_server_is_paused()
    {
        StateOf(new InstanceFacts { Owner = "u", Reserved = true }).ShouldBe(InstanceState.Paused);
    }

    [Fact]
    public void An_owned_reserved_id_whose_game_server_still_exists_is_pausing()
    {
        StateOf(new InstanceFacts { Owner = "u", Reserved = true, GameServer = Gs("Ready") }).ShouldBe(InstanceState.Pausing);
    }

    [Fact]
    public void An_owned_unreserved_id_without_a_game_server_or_data_is_installing()
    {
        StateOf(new InstanceFacts { Owner = "u" }).ShouldBe(InstanceState.Installing);
    }

    [Fact]
    public void An_owned_unreserved_id_without_a_game_server_but_with_data_is_recovering()
    {
        StateOf(new InstanceFacts { Owner = "u", HasDataVolume = true }).ShouldBe(InstanceState.Recovering);
    }

    [Fact]
    public void A_pending_recover_before_the_write_is_visible_is_recovering()
    {
        StateOf(new InstanceFacts { Owner = "u", Reserved = true, Pending = new(PendingOperation.Recover, s_now) }).ShouldBe(InstanceState.Recovering);
    }

    [Fact]
    public void A_pending_pause_before_the_write_is_visible_is_pausing()
    {
        StateOf(new InstanceFacts { Owner = "u", GameServer = Gs("Ready"), Pending = new(PendingOperation.Pause, s_now) }).ShouldBe(InstanceState.Pausing);
    }

    [Fact]
    public void Ready_state_and_ready_network_is_running()
    {
        StateOf(new InstanceFacts { Owner = "u", GameServer = Gs("Ready") }).ShouldBe(InstanceState.Running);
    }

    [Fact]
    public void Ready_state_without_a_network_plugin_is_running()
    {
        StateOf(new InstanceFacts { Owner = "u", GameServer = Gs("Ready", network: null) }).ShouldBe(InstanceState.Running);
    }

    [Fact]
    public void Ready_state_with_the_network_not_ready_is_starting_with_a_network_diagnostic()
    {
        var (state, diagnostic) = InstanceStateDeriver.Derive(new InstanceFacts { Owner = "u", GameServer = Gs("Ready", "NotReady") }, s_now);

        state.ShouldBe(InstanceState.Starting);
        diagnostic!.Reason.ShouldBe(DiagnosticReason.NetworkNotReady);
    }

    [Fact]
    public void A_creating_game_server_is_starting()
    {
        StateOf(new InstanceFacts { Owner = "u", GameServer = Gs("Creating", "NotReady") }).ShouldBe(InstanceState.Starting);
    }

    [Fact]
    public void A_crashed_game_server_is_failed_with_a_reason()
    {
        var (state, diagnostic) = InstanceStateDeriver.Derive(new InstanceFacts { Owner = "u", GameServer = Gs("Crash", "NotReady") }, s_now);

        state.ShouldBe(InstanceState.Failed);
        diagnostic!.Reason.ShouldBe(DiagnosticReason.Crashing);
    }

    [Fact]
    public void A_pod_deleted_during_restart_is_restarting_never_not_installed()
    {
        StateOf(new InstanceFacts { Owner = "u", Pending = new(PendingOperation.Restart, s_now) }).ShouldBe(InstanceState.Restarting);
    }

    [Fact]
    public void A_deleting_pod_of_a_wanted_id_is_restarting_even_without_a_marker()
    {
        var pod = PodObservation.Empty with { DeletionTimestamp = s_now };

        StateOf(new InstanceFacts { Owner = "u", GameServer = Gs("Ready"), Pod = pod }).ShouldBe(InstanceState.Restarting);
    }

    [Fact]
    public void A_restart_is_over_when_a_new_game_server_runs()
    {
        var facts = new InstanceFacts { Owner = "u", GameServer = Gs("Ready") with { Uid = "new" }, Pending = new(PendingOperation.Restart, s_now, ReplacedUid: "old") };

        StateOf(facts).ShouldBe(InstanceState.Running);
    }

    [Fact]
    public void The_replaced_game_server_still_running_is_restarting_even_within_the_same_second()
    {
        var facts = new InstanceFacts { Owner = "u", GameServer = Gs("Ready") with { Uid = "old", Created = s_now }, Pending = new(PendingOperation.Restart, s_now, ReplacedUid: "old") };

        StateOf(facts).ShouldBe(InstanceState.Restarting);
    }

    [Fact]
    public void A_new_game_server_still_starting_after_a_restart_shows_its_own_state()
    {
        var facts = new InstanceFacts { Owner = "u", GameServer = Gs("Creating", "NotReady") with { Uid = "new" }, Pending = new(PendingOperation.Restart, s_now, ReplacedUid: "old") };

        StateOf(facts).ShouldBe(InstanceState.Starting);
    }

    [Fact]
    public void A_finished_uninstall_hides_a_record_the_cache_still_shows()
    {
        StateOf(new InstanceFacts { Owner = "u", Reserved = true, Pending = new(PendingOperation.Uninstalled, s_now) }).ShouldBe(InstanceState.NotInstalled);
    }

    [Fact]
    public void A_pending_uninstall_is_uninstalling()
    {
        StateOf(new InstanceFacts { Owner = "u", Reserved = true, Pending = new(PendingOperation.Uninstall, s_now) }).ShouldBe(InstanceState.Uninstalling);
    }

    [Fact]
    public void A_failed_operation_is_failed_with_its_reason()
    {
        var failure = new InstanceDiagnostic(DiagnosticReason.OperationFailed, "PVC delete forbidden");
        var (state, diagnostic) = InstanceStateDeriver.Derive(new InstanceFacts { Owner = "u", Pending = new(PendingOperation.Uninstall, s_now, failure) }, s_now);

        state.ShouldBe(InstanceState.Failed);
        diagnostic.ShouldBe(failure);
    }
}
