using AigcGateway.Core.Instances;
using AigcGateway.Core.Users;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Coordination;

/// <summary>
/// The work of the replica that holds the Lease, for the life of the process, starting once the cache has listed the
/// cluster: the Logto mirror reconciler (adoption at start-up, retries, drift repair; adoption needs the ownership
/// records) and the release of reserved ids nothing holds any more (once adoption has completed).
/// </summary>
internal sealed class LeaderWorkService(
    UserMirrorReconciler reconciler,
    ReservedIdReleaser releaser,
    SnapshotHub hub,
    ILeadership leadership,
    TimeProvider time,
    ILogger<LeaderWorkService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ResilientLoop.RunAsync("Logto mirror", RunAsync, RetryBackoff.Default, time, logger, stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await hub.WaitForAsync(snapshot => snapshot.IsReady, Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();

        // One replica at a time: the one holding the Lease.
        await leadership.RunWhileLeadingAsync(
            token => Task.WhenAll(
                reconciler.RunAsync(token),
                ResilientLoop.RunAsync("reserved id release", releaser.RunAsync, RetryBackoff.Default, time, logger, token)),
            stoppingToken).ConfigureAwait(false);
    }
}
