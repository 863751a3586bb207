using AigcGateway.Core.Instances;

namespace AigcGateway.Bench;

internal static class Dashboards
{
    /// <summary>Waits (bounded) until the user's live dashboard satisfies <paramref name="condition"/>; returns the dashboard that did.</summary>
    public static async Task<UserDashboard> WaitForAsync(IInstanceService instances, string userId, Func<UserDashboard, bool> condition, TimeSpan timeout, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        await using var subscription = await instances.SubscribeAsync(userId, bounded.Token);
        if (condition(subscription.Snapshot))
        {
            return subscription.Snapshot;
        }

        try
        {
            await foreach (var dashboard in subscription.Changes.WithCancellation(bounded.Token))
            {
                if (condition(dashboard))
                {
                    return dashboard;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // timed out: reported below
        }

        throw new TimeoutException($"the dashboard of {userId} did not reach the expected state within {timeout.TotalSeconds:0} s");
    }
}
