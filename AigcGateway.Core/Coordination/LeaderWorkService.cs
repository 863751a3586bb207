using AigcGateway.Core.Instances;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Coordination;

/// <summary>
/// The work of the replica that holds the Lease: every registered <see cref="LeaderTask"/>, under one election for the
/// life of the process, starting once the cache has listed the cluster (adoption needs the ownership records). The
/// election ends as soon as the host begins to stop, before the other services stop one by one, so that the lease is
/// handed over at once instead of after their shutdown (without a host, e.g. a bare service provider, when this
/// service is stopped).
/// </summary>
internal sealed class LeaderWorkService(
    IEnumerable<LeaderTask> tasks,
    SnapshotHub hub,
    ILeadership leadership,
    TimeProvider time,
    ILogger<LeaderWorkService> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private readonly LeaderTask[] _tasks = [.. tasks];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_tasks.Length == 0)
        {
            return;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime?.ApplicationStopping ?? CancellationToken.None);
        await ResilientLoop.RunAsync("background work under the lease", RunAsync, RetryBackoff.Default, time, logger, stopping.Token).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await hub.WaitForAsync(snapshot => snapshot.IsReady, Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();

        // One replica at a time: the one holding the Lease. Each task restarts on its own after a failure.
        await leadership.RunWhileLeadingAsync(
            token => Task.WhenAll(_tasks.Select(task => ResilientLoop.RunAsync(task.Name, task.RunAsync, RetryBackoff.Default, time, logger, token))),
            stoppingToken).ConfigureAwait(false);
    }
}
