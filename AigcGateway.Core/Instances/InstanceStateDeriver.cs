using AigcGateway.Core.Diagnostics;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Derives the state a user sees from the cluster (GameServer state, network, pod) and the desired state
/// (ownership record and reserve list), plus operations this process has in flight.
/// </summary>
public static class InstanceStateDeriver
{
    /// <param name="slowStart">Starting longer than this is diagnosed as a slow start (default <see cref="Diagnoser.DefaultSlowStart"/>).</param>
    public static (InstanceState State, InstanceDiagnostic? Diagnostic) Derive(InstanceFacts facts, DateTimeOffset now, TimeSpan? slowStart = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var gs = facts.GameServer;
        var pending = facts.Pending;
        if (pending?.Operation == PendingOperation.Uninstalled)
        {
            return (InstanceState.NotInstalled, null);
        }

        if (pending?.Failure is not null)
        {
            return (InstanceState.Failed, pending.Failure);
        }

        if (pending?.Operation == PendingOperation.Uninstall)
        {
            return (InstanceState.Uninstalling, null);
        }

        if (facts.Owner is null)
        {
            return pending?.Operation == PendingOperation.Install ? (InstanceState.Installing, null) : (InstanceState.NotInstalled, null);
        }

        var podDeleting = facts.Pod?.DeletionTimestamp is not null || gs?.Deleting == true;
        if (facts.Reserved && pending?.Operation == PendingOperation.Recover)
        {
            return (InstanceState.Recovering, null);
        }

        if (!facts.Reserved && pending?.Operation == PendingOperation.Pause)
        {
            return (InstanceState.Pausing, null);
        }

        if (facts.Reserved)
        {
            return gs is null && facts.Pod is null ? (InstanceState.Paused, null) : (InstanceState.Pausing, null);
        }

        if (gs is null && facts.Pod is null && pending is null && !facts.ExpectedByController)
        {
            return (InstanceState.Missing, null);
        }

        if (pending?.Operation == PendingOperation.Restart && (gs is null || podDeleting || (pending.ReplacedUid is null ? !gs.IsRunning : gs.Uid == pending.ReplacedUid)))
        {
            return (InstanceState.Restarting, null);
        }

        if (gs is null || podDeleting)
        {
            if (podDeleting || (gs is null && facts.Pod is not null))
            {
                // the pod is going away while the id is still wanted: OKG recreates it
                return (InstanceState.Restarting, null);
            }

            return pending?.Operation == PendingOperation.Recover || (pending is null && facts.HasDataVolume)
                ? (InstanceState.Recovering, null)
                : (InstanceState.Installing, null);
        }

        if (gs.IsRunning)
        {
            return (InstanceState.Running, null);
        }

        var inputs = (facts.Diagnostics ?? new DiagnosticInputs()) with
        {
            Pod = facts.Pod ?? gs.PodStatus ?? facts.Diagnostics?.Pod,
            GameServerState = gs.CurrentState,
            NetworkState = gs.NetworkState,
            GameServerConditions = gs.Conditions,
            StartedAt = facts.Diagnostics?.StartedAt ?? gs.Created,
        };
        var diagnostic = Diagnoser.Diagnose(inputs, now, slowStart);
        return diagnostic?.Reason is DiagnosticReason.Crashing or DiagnosticReason.ImageCannotBePulled or DiagnosticReason.VolumeCannotBeMounted
            ? (InstanceState.Failed, diagnostic)
            : (InstanceState.Starting, diagnostic);
    }
}
