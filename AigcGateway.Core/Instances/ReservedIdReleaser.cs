using System.Collections.Immutable;
using AigcGateway.Core.Telemetry;
using AigcGateway.Core.Templates;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Releases reserved ids nothing holds any more (<see cref="ReleasePlanner"/>): an uninstalled id once its protected
/// PVCs are really gone, and ids an earlier version leaked. Driven by the watch-fed snapshot, so it survives restarts;
/// run on the replica that holds the Lease, once adoption has completed (the gate). Before writing it asks the API
/// server itself that no PVC of the id exists, and it writes through the lifecycle's resourceVersion-guarded path.
/// </summary>
internal sealed partial class ReservedIdReleaser(
    SnapshotHub hub, TemplateWriter writer, IVolumeLookup volumes, IReleaseGate gate, TimeProvider time, ILogger<ReservedIdReleaser> logger)
{
    private long _evaluated = -1;

    /// <summary>Evaluates again after this long without a change.</summary>
    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>While the gate is closed, looks at it this often (adoption completing changes nothing in the snapshot).</summary>
    public TimeSpan GateCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The snapshot version the latest pass started from.</summary>
    public long EvaluatedVersion => Interlocked.Read(ref _evaluated);

    /// <summary>Passes on every snapshot change (coalesced) and every <see cref="RecheckInterval"/>, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (_, signals, unsubscribe) = hub.Subscribe();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await PassAsync(cancellationToken).ConfigureAwait(false);
                using var tick = new CancellationTokenSource(gate.IsOpen ? RecheckInterval : GateCheckInterval, time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, tick.Token);
                try
                {
                    if (!await signals.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    {
                        return;
                    }

                    signals.TryRead(out _);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // recheck
                }
            }
        }
        finally
        {
            unsubscribe();
        }
    }

    /// <summary>One pass over every template of the current snapshot. Returns the number of ids released.</summary>
    public async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        var snapshot = hub.Current;
        var released = 0;
        if (snapshot.IsReady && gate.IsOpen)
        {
            foreach (var state in snapshot.Templates.Values)
            {
                var candidates = ReleasePlanner.Leaked(state, snapshot, gate);
                if (!candidates.IsEmpty)
                {
                    released += await ReleaseAsync(state, candidates, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        Interlocked.Exchange(ref _evaluated, snapshot.Version);
        return released;
    }

    private async Task<int> ReleaseAsync(TemplateState state, ImmutableArray<int> candidates, CancellationToken cancellationToken)
    {
        var confirmed = new HashSet<int>();
        try
        {
            foreach (var id in candidates)
            {
                if (!await AnyVolumeAsync(state, id, cancellationToken).ConfigureAwait(false))
                {
                    confirmed.Add(id);
                }
            }
        }
        catch (ClusterException e)
        {
            LogLookupFailed(e, state.Ref);
            return 0;
        }

        if (confirmed.Count == 0)
        {
            return 0;
        }

        ImmutableArray<int> released = [];
        var result = await writer.UpdateAsync(state.Ref, basis =>
        {
            // recomputed on the state the write is based on: an install or adoption meanwhile wins
            released = [.. ReleasePlanner.Leaked(basis, hub.Current, gate).Where(confirmed.Contains)];
            if (released.IsEmpty)
            {
                return new TemplatePlan(null, OperationResult.Ok(new InstanceRef(state.Ref, candidates[0])));
            }

            var reserved = released.Aggregate(basis.Reserved, (set, id) => set.Remove(id));
            return new TemplatePlan(new TemplateWrite(basis.Replicas, reserved, basis.Owners, basis.ReserveFormat), OperationResult.Ok(new InstanceRef(state.Ref, released[0])));
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            LogReleaseFailed(state.Ref, result.Error, result.Detail);
            return 0;
        }

        if (released.IsEmpty)
        {
            return 0;
        }

        GatewayMetrics.ReservedIdsReleased.Add(released.Length, GatewayMetrics.Template(state.Ref));
        LogReleased(state.Ref, string.Join(", ", released));
        return released.Length;
    }

    private async Task<bool> AnyVolumeAsync(TemplateState state, int id, CancellationToken cancellationToken)
    {
        foreach (var volume in state.DataVolumesOf(id))
        {
            if (await volumes.ExistsAsync(state.Ref.Namespace, volume, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released reserved ids {Ids} of {Template}: no owner, GameServer, pod or PVC holds them any more")]
    private partial void LogReleased(TemplateRef template, string ids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release reserved ids of {Template}: {Error} {Detail}")]
    private partial void LogReleaseFailed(TemplateRef template, OperationError? error, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the PVCs of reserved ids of {Template}; trying again later")]
    private partial void LogLookupFailed(Exception exception, TemplateRef template);
}
