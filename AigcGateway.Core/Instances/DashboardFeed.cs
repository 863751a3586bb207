using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AigcGateway.Core.Access;

namespace AigcGateway.Core.Instances;

/// <summary>
/// The per-user dashboard: projected from the snapshot and the operations this process has pending, and a coalesced
/// stream of its changes (woken by the snapshot, and every <see cref="LifecycleOptions.RefreshInterval"/> so that
/// time-dependent diagnostics appear). Reads only; never calls the cluster.
/// </summary>
internal sealed class DashboardFeed(SnapshotHub hub, PendingOperations pending, LifecycleOptions options, TimeProvider time, InstanceActivity? activity)
{
    public UserDashboard Project(ClusterSnapshot snapshot, string userId) =>
        DashboardProjector.Project(snapshot, pending.Of(userId), userId, time.GetUtcNow(), options.ForceHttps, options.SlowStartAfter, activity is null ? null : activity.LastActivity,
            options.Idle.DefaultTimeout);

    public Task<DashboardSubscription> SubscribeAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var (snapshot, signals, unsubscribe) = hub.Subscribe();
        var first = Project(snapshot, userId);
        var stop = new CancellationTokenSource();
        return Task.FromResult(new DashboardSubscription(first, Changes(first, signals, userId, stop.Token), () =>
        {
            unsubscribe();
            stop.Cancel();
            stop.Dispose();
            return ValueTask.CompletedTask;
        }));
    }

    private async IAsyncEnumerable<UserDashboard> Changes(
        UserDashboard first,
        ChannelReader<bool> signals,
        string userId,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = first;
        while (true)
        {
            try
            {
                // wake on a change, or after RefreshInterval so that time-dependent diagnostics (slow start) appear
                using var tick = new CancellationTokenSource(options.RefreshInterval, time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, tick.Token);
                try
                {
                    if (!await signals.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // refresh tick
                }

                if (options.CoalesceWindow > TimeSpan.Zero)
                {
                    await Task.Delay(options.CoalesceWindow, time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            signals.TryRead(out _);
            var next = Project(hub.Current, userId);
            if (!next.SameAs(last))
            {
                last = next;
                yield return next;
            }
        }
    }
}
