using System.Globalization;
using System.Runtime.CompilerServices;
using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Infrastructure;

/// <summary>Waits on the cluster snapshot (woken by each change, not by polling); a timeout fails the test and names the condition.</summary>
internal static class SnapshotWaits
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task WaitUntilAsync(
        this SnapshotHub hub,
        Func<ClusterSnapshot, bool> condition,
        TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(condition))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(hub);
        var limit = timeout ?? DefaultTimeout;
        if (!await hub.WaitForAsync(condition, limit, TimeProvider.System, Xunit.TestContext.Current.CancellationToken))
        {
            throw new TimeoutException(
                $"Timed out waiting until {what}: it did not hold within {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (snapshot version {hub.Current.Version}, ready: {hub.Current.IsReady}).");
        }
    }
}
