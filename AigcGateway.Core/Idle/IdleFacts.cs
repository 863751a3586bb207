using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Idle;

/// <summary>Builds the idle policy's inputs from what the snapshot and this replica know (pure; shared by the dashboards and the leader's pauses).</summary>
public static class IdleFacts
{
    /// <param name="template">the instance's template as the snapshot has it</param>
    /// <param name="gameServer">its GameServer (null when there is none)</param>
    /// <param name="state">its derived state; only <see cref="InstanceState.Running"/> can be paused</param>
    /// <param name="pending">the operation this replica started on it, if any (ignored once the instance runs: the marker outlives the operation)</param>
    /// <param name="stamped">this replica's latest forward-auth stamp</param>
    /// <param name="defaultTimeout"><c>Idle:DefaultTimeout</c>, for templates without an idle-timeout annotation</param>
    public static IdleInputs Inputs(
        Template template,
        GameServerObservation? gameServer,
        InstanceState state,
        PendingMarker? pending,
        DateTimeOffset? stamped,
        TimeSpan? defaultTimeout) => new()
        {
            Settings = IdleSettings.For(template, defaultTimeout),
            Running = state == InstanceState.Running && gameServer is { IsRunning: true },
            // a marker lingers after its operation took effect (PendingTimeout): once the state is Running it is done
            BeingOperatedOn = (pending is { Failure: null } && state != InstanceState.Running) || gameServer is null || gameServer.Deleting || OperatedByController(gameServer.OpsState),
            RunningSince = gameServer?.Created,
            StampedActivity = stamped,
            PersistedActivity = gameServer?.LastActive,
            KeepRunningUntil = gameServer?.KeepRunningUntil,
        };

    /// <summary>OKG's opsStates that mean someone is working on the GameServer (None and Allocated do not).</summary>
    public static bool OperatedByController(string? opsState) =>
        opsState is "Kill" or "WaitToBeDeleted" or "Maintaining";

    /// <summary>The later of this replica's stamp and the persisted last activity.</summary>
    public static DateTimeOffset? LatestActivity(DateTimeOffset? stamped, GameServerObservation? gameServer) =>
        stamped is null ? gameServer?.LastActive
        : gameServer?.LastActive is not { } persisted ? stamped
        : stamped > persisted ? stamped : persisted;
}
