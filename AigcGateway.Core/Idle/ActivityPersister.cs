using System.Collections.Concurrent;
using AigcGateway.Core.Access;
using AigcGateway.Core.Instances;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Idle;

/// <summary>
/// Moves each instance's persisted last activity (<see cref="IdleAnnotations.LastActive"/> on its GameServer) forward: every
/// replica persists its own forward-auth stamps, the leader the measured busy samples. At most once per
/// <see cref="IdleOptions.PersistInterval"/> per instance, never backwards: the replacement is conditional on the value read
/// (a JSON patch <c>test</c>), so a replica whose snapshot lags cannot move it back. Only the very first value is a plain merge
/// patch (a missing key cannot be tested); two first writes at once may leave the earlier time for one check period.
/// </summary>
internal sealed partial class ActivityPersister(
    SnapshotHub hub,
    InstanceActivity activity,
    IGameServerAnnotations annotations,
    IdleOptions options,
    ILogger<ActivityPersister> logger)
{
    private readonly ConcurrentDictionary<InstanceRef, (DateTimeOffset Expected, int Failures)> _refused = new();

    /// <summary>Persists every stamp of this replica that is due; returns how many were written.</summary>
    public async Task<int> PersistStampsAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var (instance, at) in activity.All())
        {
            if (await PersistAsync(instance, at, cancellationToken).ConfigureAwait(false))
            {
                written++;
            }
        }

        return written;
    }

    /// <summary>
    /// Moves the instance's last activity to <paramref name="at"/> when that is at least <see cref="IdleOptions.PersistInterval"/>
    /// later than the persisted value (and than this replica's own latest write); false when nothing was written.
    /// </summary>
    public async Task<bool> PersistAsync(InstanceRef instance, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var gameServer = hub.Current.GameServer(instance);
        if (gameServer is null || gameServer.Deleting)
        {
            return false;
        }

        // a write of this replica the watch has not shown yet makes the conditional replacement below fail harmlessly
        var current = gameServer.LastActive;
        if (current is { } persisted && at - persisted < options.PersistInterval)
        {
            return false;
        }

        var value = IdleAnnotations.Format(at);
        try
        {
            if (current is null || Stuck(instance, current.Value))
            {
                await annotations.SetAsync(instance, IdleAnnotations.LastActive, value, cancellationToken).ConfigureAwait(false);
            }
            else if (!await annotations.ReplaceAsync(instance, IdleAnnotations.LastActive, IdleAnnotations.Format(current.Value), value, cancellationToken)
                .ConfigureAwait(false))
            {
                // another replica moved it first (the snapshot will show it), or the GameServer is gone
                _refused.AddOrUpdate(instance, (current.Value, 1), (_, r) => r.Expected == current.Value ? (r.Expected, r.Failures + 1) : (current.Value, 1));
                return false;
            }
        }
        catch (ClusterException ex)
        {
            LogPersistFailed(ex, instance);
            return false;
        }

        _refused.TryRemove(instance, out _);
        return true;
    }

    /// <summary>
    /// The conditional replacement failed twice against the same value while the snapshot still shows it: the value is not
    /// in the form the gateway writes (edited by hand), so the test can never match; overwrite it.
    /// </summary>
    private bool Stuck(InstanceRef instance, DateTimeOffset current) =>
        _refused.TryGetValue(instance, out var refused) && refused.Expected == current && refused.Failures >= 2;

    /// <summary>Every replica: persists its stamps every <see cref="IdleOptions.CheckInterval"/> until cancelled.</summary>
    public async Task RunAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        while (!cancellationToken.IsCancellationRequested)
        {
            await PersistStampsAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.CheckInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not persist the last activity of {Instance}; the next check tries again")]
    private partial void LogPersistFailed(Exception exception, InstanceRef instance);
}
