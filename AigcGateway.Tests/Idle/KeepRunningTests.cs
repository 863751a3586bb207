using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;
using AigcGateway.Tests.Core;
using AigcGateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Idle;

/// <summary>The dashboard's Keep running: owner only, running only, within the template's maximum, stored on the GameServer.</summary>
public sealed class KeepRunningTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    private readonly SnapshotHub _hub = new();
    private readonly FakeCluster _cluster;
    private readonly RecordingAnnotations _annotations = new();
    private readonly InstanceService _service;

    public KeepRunningTests()
    {
        _cluster = new FakeCluster(_hub, TestTemplates.Template() with { IdleTimeout = TimeSpan.FromHours(1), MaxKeepRunning = TimeSpan.FromHours(4) });
        _service = new InstanceService(_hub, _cluster, new FakeMirror(), new LifecycleOptions { CoalesceWindow = TimeSpan.Zero },
            new FakeTimeProvider(Now), NullLogger<InstanceService>.Instance, annotations: _annotations);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_owner_postpones_the_pause_on_the_game_server()
    {
        var instance = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;

        var result = await _service.KeepRunningAsync("alice", instance, TimeSpan.FromHours(2), Ct);

        result.Succeeded.ShouldBeTrue(result.Detail);
        _annotations.Writes.ShouldBe([(instance, IdleAnnotations.KeepRunningUntil, "2026-12-03T17:00:00Z")]);
    }

    [Fact]
    public async Task Keep_running_is_refused_to_someone_else_while_paused_beyond_the_maximum_and_without_a_timeout()
    {
        var instance = (await _service.InstallAsync("alice", _cluster.Ref, Ct)).Instance!;

        (await _service.KeepRunningAsync("bob", instance, TimeSpan.FromHours(1), Ct)).Error.ShouldBe(OperationError.NotOwner);
        (await _service.KeepRunningAsync("alice", instance, TimeSpan.FromHours(5), Ct)).Error.ShouldBe(OperationError.KeepRunningTooLong);
        (await _service.KeepRunningAsync("alice", instance, TimeSpan.Zero, Ct)).Error.ShouldBe(OperationError.KeepRunningInvalid);
        _cluster.Set(s => s with { Template = s.Template with { IdleTimeout = null } });
        (await _service.KeepRunningAsync("alice", instance, TimeSpan.FromHours(1), Ct)).Error.ShouldBe(OperationError.IdleNotGoverned);
        (await _service.PauseAsync("alice", instance, Ct)).Succeeded.ShouldBeTrue();
        (await _service.KeepRunningAsync("alice", instance, TimeSpan.FromHours(1), Ct)).Error.ShouldBe(OperationError.NotRunning);
        _annotations.Writes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_running_instance_of_a_governed_template_shows_when_it_pauses_and_the_choices()
    {
        await _service.InstallAsync("alice", _cluster.Ref, Ct);

        var idle = (await _service.DashboardAsync("alice")).Instances.ShouldHaveSingleItem().Idle.ShouldNotBeNull();

        idle.Governed.ShouldBeTrue();
        idle.MaxKeepRunning.ShouldBe(TimeSpan.FromHours(4));
        idle.KeepRunningChoices.Length.ShouldBe(4);
    }

    private sealed class RecordingAnnotations : IGameServerAnnotations
    {
        public List<(InstanceRef Instance, string Key, string Value)> Writes { get; } = [];

        public Task SetAsync(InstanceRef instance, string key, string value, CancellationToken cancellationToken)
        {
            Writes.Add((instance, key, value));
            return Task.CompletedTask;
        }

        public Task<bool> ReplaceAsync(InstanceRef instance, string key, string expected, string value, CancellationToken cancellationToken)
        {
            Writes.Add((instance, key, value));
            return Task.FromResult(true);
        }
    }
}
