using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging.Abstractions;
using AigcGateway.Tests.Infrastructure;

namespace AigcGateway.Tests.Core;

public sealed class LifecycleTests
{
    private readonly SnapshotHub _hub = new();
    private readonly FakeMirror _mirror = new();
    private readonly FakeCluster _cluster;
    private readonly InstanceService _service;

    public LifecycleTests()
    {
        _cluster = new FakeCluster(_hub);
        _service = NewService(_hub, _cluster);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private InstanceService NewService(SnapshotHub hub, ITemplateStore store) => new(
        hub,
        store,
        _mirror,
        new LifecycleOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5), CoalesceWindow = TimeSpan.Zero, UninstallPodWait = TimeSpan.FromSeconds(5) },
        TimeProvider.System,
        NullLogger<InstanceService>.Instance);

    private InstanceRef Ref(int id) => new(_cluster.Ref, id);

    [Fact]
    public async Task Install_takes_the_lowest_free_id_and_records_the_owner_in_one_update()
    {
        _cluster.Set(s => s with { Replicas = 1, Reserved = ReserveIdSet.Of(1, 3), Owners = s.Owners.Add(1, "old") });
        var writes = _cluster.Writes;

        var result = await _service.InstallAsync("alice", _cluster.Ref, Ct);

        result.Succeeded.ShouldBeTrue();
        result.Instance.ShouldBe(Ref(2));
        _cluster.Writes.ShouldBe(writes + 1);
        _cluster.State.Replicas.ShouldBe(2);
        _cluster.State.Owners[2].ShouldBe("alice");
        _cluster.GameServers.ShouldBe([0, 2]);
    }

    [Fact]
    public async Task While_the_template_is_being_deleted_nobody_installs_or_recovers_an_instance_not_even_an_administrator()
    {
        var bobs = (await _service.InstallAsync("bob", _cluster.Ref, Ct)).Instance!;
        (await _service.PauseAsync("bob", bobs, Ct)).Succeeded.ShouldBeTrue();
        _cluster.Set(s => s with { Deletion = AigcGateway.Core.Administration.TemplateDeletionMode.KeepVolumes });
        var writes = _cluster.Writes;

        (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Error.ShouldBe(OperationError.TemplateNotInstallable);
        (await _service.RecoverAsync("bob", bobs, Ct)).Error.ShouldBe(OperationError.TemplateNotInstallable);
        (await _service.AdminRecoverAsync(bobs, Ct)).Error.ShouldBe(OperationError.TemplateNotInstallable);

        _cluster.Writes.ShouldBe(writes);
        _cluster.State.Reserved.Contains(bobs.Id).ShouldBeTrue();
    }

    [Fact]
    public async Task Rendering_dashboards_makes_no_cluster_call()
    {
        await _service.InstallAsync("alice", _cluster.Ref, Ct);
        var (reads, writes) = (_cluster.Reads, _cluster.Writes);

        for (var i = 0; i < 100; i++)
        {
            (await _service.DashboardAsync("alice")).Instances.ShouldHaveSingleItem();
        }

        (_cluster.Reads, _cluster.Writes).ShouldBe((reads, writes));
    }

    [Fact]
    public async Task Installing_twice_returns_the_existing_instance()
    {
        var first = await _service.InstallAsync("alice", _cluster.Ref, Ct);
        var writes = _cluster.Writes;

        var second = await _service.InstallAsync("alice", _cluster.Ref, Ct);

        second.Instance.ShouldBe(first.Instance);
        _cluster.Writes.ShouldBe(writes);
    }

    [Fact]
    public async Task Two_hundred_simultaneous_installs_get_two_hundred_distinct_ids_in_linear_work()
    {
        var users = Enumerable.Range(0, 200).Select(i => $"user-{i}").ToList();

        var results = await Task.WhenAll(users.Select(u => Task.Run(() => _service.InstallAsync(u, _cluster.Ref, Ct), Ct)));

        results.ShouldAllBe(r => r.Succeeded);
        results.Select(r => r.Instance!.Id).Distinct().Count().ShouldBe(200);
        _cluster.State.Replicas.ShouldBe(200);
        _cluster.State.Owners.Count.ShouldBe(200);
        _cluster.State.Owners.Values.ShouldBe(users, ignoreOrder: true);
        _cluster.GameServers.ShouldBe(Enumerable.Range(0, 200));
        _cluster.Writes.ShouldBe(200);
        _cluster.Reads.ShouldBe(0);
    }

    [Fact]
    public async Task Ten_parallel_installs_of_one_user_create_one_instance()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _service.InstallAsync("alice", _cluster.Ref, Ct), Ct)));

        results.Select(r => r.Instance).Distinct().ShouldHaveSingleItem();
        _cluster.State.Replicas.ShouldBe(1);
        _cluster.State.Owners.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Two_gateway_replicas_installing_at_once_never_share_an_id()
    {
        var other = NewService(_hub, _cluster);
        var mine = Enumerable.Range(0, 50).Select(i => Task.Run(() => _service.InstallAsync($"a-{i}", _cluster.Ref, Ct), Ct));
        var theirs = Enumerable.Range(0, 50).Select(i => Task.Run(() => other.InstallAsync($"b-{i}", _cluster.Ref, Ct), Ct));

        var results = await Task.WhenAll(mine.Concat(theirs));

        results.ShouldAllBe(r => r.Succeeded);
        results.Select(r => r.Instance!.Id).Distinct().Count().ShouldBe(100);
        _cluster.State.Owners.Count.ShouldBe(100);
        _cluster.State.Replicas.ShouldBe(100);
    }

    [Fact]
    public async Task A_pause_and_recover_storm_gives_everyone_their_own_id_back()
    {
        var users = Enumerable.Range(0, 50).Select(i => $"user-{i}").ToList();
        var installed = await Task.WhenAll(users.Select(u => Task.Run(() => _service.InstallAsync(u, _cluster.Ref, Ct), Ct)));

        var paused = await Task.WhenAll(installed.Select((r, i) => Task.Run(() => _service.PauseAsync(users[i], r.Instance!, Ct), Ct)));
        _cluster.GameServers.ShouldBeEmpty();
        var recovered = await Task.WhenAll(installed.Select((r, i) => Task.Run(() => _service.RecoverAsync(users[i], r.Instance!, Ct), Ct)));

        paused.Concat(recovered).ShouldAllBe(r => r.Succeeded);
        _cluster.GameServers.ShouldBe(installed.Select(r => r.Instance!.Id).Order());
        _cluster.State.Replicas.ShouldBe(50);
        _cluster.State.Reserved.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task A_conflict_is_retried_after_re_reading()
    {
        _cluster.ConflictsToInject = 3;

        var result = await _service.InstallAsync("alice", _cluster.Ref, Ct);

        result.Succeeded.ShouldBeTrue();
        _cluster.Reads.ShouldBe(3);
        _cluster.State.Owners.Values.ShouldBe(["alice"]);
    }

    [Fact]
    public async Task A_server_error_fails_the_operation_without_retrying_and_changes_nothing()
    {
        _cluster.WriteFailure = new ClusterException("internal error") { StatusCode = 500 };

        var result = await _service.InstallAsync("alice", _cluster.Ref, Ct);

        result.Error.ShouldBe(OperationError.ClusterError);
        _cluster.Writes.ShouldBe(1);
        _cluster.State.Owners.ShouldBeEmpty();
        _mirror.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_server_error_during_uninstall_keeps_the_instance_failed_and_retryable()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        _cluster.WriteFailure = new ClusterException("internal error") { StatusCode = 500 };

        (await _service.UninstallAsync("alice", alice, Ct)).Error.ShouldBe(OperationError.ClusterError);
        (await _service.DashboardAsync("alice")).InstanceOf(_cluster.Ref)!.State.ShouldBe(InstanceState.Failed);

        _cluster.WriteFailure = null;
        (await _service.UninstallAsync("alice", alice, Ct)).Succeeded.ShouldBeTrue();
        (await _service.DashboardAsync("alice")).Instances.ShouldBeEmpty();
        _cluster.Volumes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_successful_operation_after_a_failure_clears_the_failure()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        _cluster.VolumeDeleteFailure = new ClusterException("forbidden") { StatusCode = 403 };
        await _service.UninstallAsync("alice", alice, Ct);

        await _service.RecoverAsync("alice", alice, Ct);

        (await _service.DashboardAsync("alice")).InstanceOf(_cluster.Ref)!.State.ShouldBe(InstanceState.Running);
    }

    [Fact]
    public async Task Pausing_after_a_failed_uninstall_shows_the_instance_paused_again()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        _cluster.VolumeDeleteFailure = new ClusterException("forbidden") { StatusCode = 403 };
        await _service.UninstallAsync("alice", alice, Ct);

        (await _service.PauseAsync("alice", alice, Ct)).Succeeded.ShouldBeTrue();

        (await _service.DashboardAsync("alice")).InstanceOf(_cluster.Ref)!.State.ShouldBe(InstanceState.Paused);
    }

    [Fact]
    public async Task Endless_conflicts_give_up_with_busy_and_change_nothing()
    {
        _cluster.ConflictsToInject = 1000;

        var result = await _service.InstallAsync("alice", _cluster.Ref, Ct);

        result.Error.ShouldBe(OperationError.Busy);
        _cluster.Writes.ShouldBe(8);
        _cluster.State.Owners.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pause_reserves_the_id_and_lowers_replicas_in_one_update()
    {
        var id = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        var writes = _cluster.Writes;

        var result = await _service.PauseAsync("alice", id, Ct);

        result.Succeeded.ShouldBeTrue();
        _cluster.Writes.ShouldBe(writes + 1);
        _cluster.State.Replicas.ShouldBe(0);
        _cluster.State.Reserved.Contains(id.Id).ShouldBeTrue();
        _cluster.State.Owners[id.Id].ShouldBe("alice");
        _cluster.GameServers.ShouldBeEmpty();
        _cluster.Volumes.ShouldContain($"user-data-{_cluster.Ref.Name}-{id.Id}");
    }

    [Fact]
    public async Task Pausing_a_paused_instance_does_nothing()
    {
        var id = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        await _service.PauseAsync("alice", id, Ct);
        var writes = _cluster.Writes;

        (await _service.PauseAsync("alice", id, Ct)).Succeeded.ShouldBeTrue();

        _cluster.Writes.ShouldBe(writes);
    }

    [Fact]
    public async Task A_paused_instance_is_recovered_with_the_same_id_and_keeps_its_volume()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        await _service.InstallAsync("bob", _cluster.Ref, Ct);
        await _service.PauseAsync("alice", alice, Ct);

        var result = await _service.RecoverAsync("alice", alice, Ct);

        result.Instance.ShouldBe(alice);
        _cluster.GameServers.ShouldContain(alice.Id);
        _cluster.State.Reserved.Contains(alice.Id).ShouldBeFalse();
        _cluster.Volumes.ShouldContain($"user-data-{_cluster.Ref.Name}-{alice.Id}");
    }

    [Fact]
    public async Task Recover_reserves_a_lower_free_id_so_that_okg_recreates_this_one()
    {
        _cluster.Set(s => s with { Replicas = 0, Reserved = ReserveIdSet.Of(3), Owners = s.Owners.Add(3, "alice") });

        await _service.RecoverAsync("alice", Ref(3), Ct);

        _cluster.GameServers.ShouldBe([3]);
        _cluster.State.Reserved.ToString().ShouldBe("0-2");
    }

    [Fact]
    public async Task Recover_reserves_the_free_id_below_but_never_a_running_one()
    {
        var bob = (await _service.InstallAsync("bob", _cluster.Ref, Ct)).Instance!;
        var carol = (await _service.InstallAsync("carol", _cluster.Ref, Ct)).Instance!;
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        await _service.UninstallAsync("carol", carol, Ct);
        await _service.PauseAsync("alice", alice, Ct);

        (await _service.RecoverAsync("alice", alice, Ct)).Instance.ShouldBe(alice);

        (bob.Id, carol.Id, alice.Id).ShouldBe((0, 1, 2));
        _cluster.GameServers.ShouldBe([0, 2]);
        _cluster.State.Reserved.ToString().ShouldBe("1");
    }

    [Fact]
    public async Task Only_the_owner_may_act_on_an_instance()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;

        (await _service.PauseAsync("mallory", alice, Ct)).Error.ShouldBe(OperationError.NotOwner);
        (await _service.RestartAsync("mallory", alice, Ct)).Error.ShouldBe(OperationError.NotOwner);
        (await _service.UninstallAsync("mallory", alice, Ct)).Error.ShouldBe(OperationError.NotOwner);
        _cluster.GameServers.ShouldContain(alice.Id);
        _cluster.DeletedPods.ShouldBeEmpty();
    }

    [Fact]
    public async Task Acting_on_an_id_nobody_owns_is_not_installed()
    {
        (await _service.PauseAsync("alice", Ref(5), Ct)).Error.ShouldBe(OperationError.NotInstalled);
    }

    [Fact]
    public async Task A_template_outside_the_catalog_cannot_be_touched()
    {
        (await _service.InstallAsync("alice", new TemplateRef("kube-system", "anything"), Ct)).Error.ShouldBe(OperationError.TemplateNotFound);
    }

    [Fact]
    public async Task A_non_conforming_template_is_refused()
    {
        var hub = new SnapshotHub();
        var problem = new ConformanceProblem(ConformanceCode.ReserveIdsRequired, ConformanceSeverity.Error, "General");
        var cluster = new FakeCluster(hub, TestTemplates.Template() with { Problems = [problem] });
        var service = NewService(hub, cluster);

        (await service.InstallAsync("alice", cluster.Ref, Ct)).Error.ShouldBe(OperationError.TemplateNotInstallable);
        cluster.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Nothing_is_done_before_the_cache_is_ready()
    {
        var service = NewService(new SnapshotHub(), _cluster);

        (await service.InstallAsync("alice", _cluster.Ref, Ct)).Error.ShouldBe(OperationError.NotReady);
    }

    [Fact]
    public async Task An_anonymous_request_never_installs()
    {
        await Should.ThrowAsync<ArgumentException>(() => _service.InstallAsync("", _cluster.Ref, Ct));
        _cluster.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Restart_deletes_the_pod_and_shows_restarting()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        _cluster.RemoveGameServer(alice.Id);

        (await _service.RestartAsync("alice", alice, Ct)).Succeeded.ShouldBeTrue();

        _cluster.DeletedPods.ShouldBe([alice]);
        (await _service.DashboardAsync("alice")).InstanceOf(_cluster.Ref)!.State.ShouldBe(InstanceState.Restarting);
    }

    [Fact]
    public async Task Restarting_a_paused_instance_is_refused()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        await _service.PauseAsync("alice", alice, Ct);

        (await _service.RestartAsync("alice", alice, Ct)).Error.ShouldBe(OperationError.NotRunning);
    }

    [Fact]
    public async Task Uninstall_deletes_every_volume_then_releases_the_record_and_the_id()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;

        var result = await _service.UninstallAsync("alice", alice, Ct);

        result.Succeeded.ShouldBeTrue();
        _cluster.Volumes.ShouldBeEmpty();
        _cluster.State.Owners.ShouldBeEmpty();
        _cluster.State.Reserved.IsEmpty.ShouldBeTrue();
        _cluster.State.Replicas.ShouldBe(0);
        _mirror.Entries[("alice", _cluster.Ref)].ShouldBeNull();
        (await _service.DashboardAsync("alice")).Instances.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("user-data")]
    [InlineData("models")]
    public async Task Uninstall_keeps_the_id_reserved_while_either_of_two_volumes_is_not_gone_yet(string terminating)
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        var still = $"{terminating}-{_cluster.Ref.Name}-{alice.Id}";
        _cluster.Volumes.Count.ShouldBe(2);
        _cluster.TerminatingVolumes.Add(still);

        (await _service.UninstallAsync("alice", alice, Ct)).Succeeded.ShouldBeTrue();

        _cluster.Volumes.ShouldBe([still]);
        _cluster.State.Owners.ShouldBeEmpty();
        _cluster.State.Reserved.Contains(alice.Id).ShouldBeTrue("the id stays reserved while one of its volumes exists");
        (await _service.InstallAsync("bob", _cluster.Ref, Ct)).Instance!.Id.ShouldNotBe(alice.Id);
    }

    [Fact]
    public async Task The_dashboard_drops_an_uninstalled_instance_before_the_cache_sees_the_release()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        var stale = _hub.Current.Templates[_cluster.Ref];
        await _service.UninstallAsync("alice", alice, Ct);

        _hub.Publish(s => s with { Templates = s.Templates.SetItem(_cluster.Ref, stale) });

        (await _service.DashboardAsync("alice")).Instances.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reinstalling_after_an_uninstall_shows_the_new_instance()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        await _service.UninstallAsync("alice", alice, Ct);

        var again = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;

        again.ShouldBe(alice);
        (await _service.DashboardAsync("alice")).InstanceOf(_cluster.Ref)!.State.ShouldBe(InstanceState.Running);
    }

    [Fact]
    public async Task Reinstalling_while_the_cache_still_shows_the_uninstalled_record_installs_again()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        var stale = _hub.Current.Templates[_cluster.Ref];
        await _service.UninstallAsync("alice", alice, Ct);
        _hub.Publish(s => s with { Templates = s.Templates.SetItem(_cluster.Ref, stale) });
        var writes = _cluster.Writes;

        var again = await _service.InstallAsync("alice", _cluster.Ref, Ct);

        again.Succeeded.ShouldBeTrue();
        _cluster.Writes.ShouldBe(writes + 1);
        _cluster.State.Owners.Values.ShouldBe(["alice"]);
    }

    [Fact]
    public async Task A_failed_volume_deletion_keeps_the_instance_listed_with_the_error_and_can_be_retried()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        _cluster.VolumeDeleteFailure = new ClusterException("forbidden") { StatusCode = 403 };

        var failed = await _service.UninstallAsync("alice", alice, Ct);

        failed.Error.ShouldBe(OperationError.ClusterError);
        _cluster.State.Owners[alice.Id].ShouldBe("alice");
        var shown = (await _service.DashboardAsync("alice")).InstanceOf(_cluster.Ref)!;
        shown.State.ShouldBe(InstanceState.Failed);
        shown.Diagnostic!.Reason.ShouldBe(DiagnosticReason.OperationFailed);

        _cluster.VolumeDeleteFailure = null;
        (await _service.UninstallAsync("alice", alice, Ct)).Succeeded.ShouldBeTrue();
        _cluster.State.Owners.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_change_is_mirrored_to_the_users_custom_data()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;

        _mirror.Entries[("alice", _cluster.Ref)].ShouldBe(alice);
    }

    [Fact]
    public async Task A_different_id_created_by_okg_is_corrected_in_the_record()
    {
        _cluster.RunController = false;
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        _cluster.AddGameServer(alice.Id + 4);

        var corrected = await _service.VerifyIdsAsync(_cluster.Ref, Ct);

        corrected.ShouldBe(1);
        _cluster.State.Owners.ShouldBe(new Dictionary<int, string> { [alice.Id + 4] = "alice" });
        _mirror.Entries[("alice", _cluster.Ref)].ShouldBe(Ref(alice.Id + 4));
    }

    [Fact]
    public async Task No_correction_is_made_while_okg_has_not_created_the_new_id_yet()
    {
        _cluster.RunController = false;
        await _service.InstallAsync("alice", _cluster.Ref, Ct);

        (await _service.VerifyIdsAsync(_cluster.Ref, Ct)).ShouldBe(0);
    }
}
