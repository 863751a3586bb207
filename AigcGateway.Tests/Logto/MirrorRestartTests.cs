using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Users;
using AigcGateway.Tests.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Tests.Logto;

/// <summary>
/// Mirror writes that failed while Logto was down survive a restart of the gateway: the in-memory queue is lost, the
/// marks on the templates are not, and the first pass after the restart writes every such entry from the ownership
/// record without adopting the stale ones.
/// </summary>
public sealed class MirrorRestartTests : IDisposable
{
    private readonly SnapshotHub _hub = new();
    private readonly FakeCluster _cluster;
    private readonly InMemoryLogtoUsers _logto = new InMemoryLogtoUsers().With("alice").With("bob").With("carol");
    private readonly MirrorWriteQueue _queueBeforeRestart = new(TimeProvider.System);
    private readonly MirrorWriteQueue _queueAfterRestart = new(TimeProvider.System);
    private readonly InstanceService _service;

    public MirrorRestartTests()
    {
        _cluster = new FakeCluster(_hub) { ReserveImplicitIds = true };
        var mirror = new LogtoUserInstanceMirror(_logto, _queueBeforeRestart, NullLogger<LogtoUserInstanceMirror>.Instance, _cluster);
        _service = new InstanceService(_hub, _cluster, mirror, new LifecycleOptions { UninstallPodWait = TimeSpan.FromSeconds(5) },
            TimeProvider.System, NullLogger<InstanceService>.Instance);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _queueBeforeRestart.Dispose();
        _queueAfterRestart.Dispose();
    }

    private JsonNode? Entry(string user) => _logto.CustomData[user][_cluster.Ref.LegacyCustomDataKey];

    [Fact]
    public async Task After_a_restart_the_first_pass_repairs_every_write_the_lost_queue_held()
    {
        var alice = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;
        var bob = (await _service.InstallAsync("bob", _cluster.Ref, Ct)).Instance!;
        Entry("alice").ShouldNotBeNull();

        // Logto goes down: alice uninstalls, bob pauses, carol installs; every mirror write fails and is queued
        _logto.FailWith = LogtoOutcome.Unavailable;
        (await _service.UninstallAsync("alice", alice, Ct)).Succeeded.ShouldBeTrue();
        (await _service.PauseAsync("bob", bob, Ct)).Succeeded.ShouldBeTrue();
        var carol = (await _service.InstallAsync("carol", _cluster.Ref, Ct)).Instance!;
        _queueBeforeRestart.Pending.Length.ShouldBe(3);

        // the gateway restarts (the queue is gone) and Logto is back
        _logto.FailWith = null;
        var reconciler = new UserMirrorReconciler(_logto, new OwnershipSource(_hub),
            new InstanceRecords(_service.Writer, _hub, new NullUserInstanceMirror(), NullLogger<InstanceRecords>.Instance),
            _queueAfterRestart, TimeProvider.System, NullLogger<UserMirrorReconciler>.Instance, _cluster);
        var adoption = await reconciler.AdoptAsync(Ct);
        await reconciler.ResyncMarkedAsync(Ct);
        await reconciler.RepairDriftAsync(Ct);

        adoption.Adopted.ShouldBeEmpty();
        adoption.Conflicts.ShouldBeEmpty();
        Entry("alice").ShouldBeNull("alice uninstalled: her entry is cleared, not adopted or left as a conflict");
        Entry("bob")!["ID"]!.GetValue<string>().ShouldBe(bob.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Entry("carol")!["ID"]!.GetValue<string>().ShouldBe(carol.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _cluster.State.Owners.ContainsValue("alice").ShouldBeFalse();
        _cluster.State.MirrorMarks.ShouldBeEmpty();
    }
}
