using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>Reads a user's dashboard the way the pages do: the first snapshot of the production feed's subscription.</summary>
internal static class DashboardReads
{
    public static async Task<UserDashboard> DashboardAsync(this IInstanceService instances, string userId)
    {
        await using var subscription = await instances.SubscribeAsync(userId, Xunit.TestContext.Current.CancellationToken);
        return subscription.Snapshot;
    }
}
