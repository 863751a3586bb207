namespace AigcGateway.Core.Instances;

/// <summary>
/// Waits for an instance's pod and GameServer to go. A pod that stops gracefully stays (Terminating) until its grace
/// period ends, which may be longer than the wait the caller allows: as long as it is Terminating, the wait extends to
/// its deletionTimestamp (the end of its grace period) plus that allowance.
/// </summary>
internal static class PodDeparture
{
    public static async Task<bool> WaitAsync(SnapshotHub hub, InstanceRef instance, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var left = deadline - time.GetUtcNow();
            if (await hub.WaitForAsync(s => Gone(s, instance), left > TimeSpan.Zero ? left : TimeSpan.Zero, time, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            // timestamps have whole seconds: allow a few beyond the grace period's end
            var stopping = hub.Current.Pods.GetValueOrDefault(instance)?.DeletionTimestamp;
            var extended = stopping + (wait > Slack ? wait : Slack);
            if (extended is not { } until || until <= deadline || until <= time.GetUtcNow())
            {
                return false;
            }

            deadline = until;
        }
    }

    private static TimeSpan Slack => TimeSpan.FromSeconds(10);

    private static bool Gone(ClusterSnapshot snapshot, InstanceRef instance) =>
        snapshot.GameServer(instance) is null && !snapshot.Pods.ContainsKey(instance);
}
