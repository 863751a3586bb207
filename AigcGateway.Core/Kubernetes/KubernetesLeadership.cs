using AigcGateway.Core.Coordination;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Kubernetes;

/// <summary>Leadership through a coordination.k8s.io/v1 Lease (KubernetesClient's leader elector).</summary>
internal sealed partial class KubernetesLeadership(
    IKubernetes client, string leaseNamespace, string leaseName, string identity, ILogger<KubernetesLeadership> logger) : ILeadership
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait after the API could not be reached before competing again.</summary>
    public RetryBackoff Backoff { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));

    public async Task RunWhileLeadingAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await CompeteOnceAsync(work, cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // the elector lets the API's failures escape while acquiring (connection refused during an outage):
                // keep competing after a backoff, never end the process
                var delay = Backoff.Delay(++failures);
                LogCompetitionFailed(logger, e, identity, delay);
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One election: acquires the lease, runs the work while renewing, and stops the work when the lease is lost.</summary>
    private async Task CompeteOnceAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(client, leaseNamespace, leaseName, identity))
        {
            LeaseDuration = LeaseDuration,
            RenewDeadline = RenewDeadline,
            RetryPeriod = RetryPeriod,
        });
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? running = null;
        elector.OnStartedLeading += () =>
        {
            LogLeading(logger, identity, leaseNamespace, leaseName);
            running = Task.Run(() => work(leading.Token), CancellationToken.None);
        };
        elector.OnStoppedLeading += () => leading.Cancel();
        elector.OnError += e => LogElectionError(logger, e);
        try
        {
            await elector.RunUntilLeadershipLostAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await leading.CancelAsync().ConfigureAwait(false);
            if (running is not null)
            {
                try
                {
                    await running.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception e)
                {
                    LogWorkFailed(logger, e);
                }

                LogStoppedLeading(logger, identity);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} leads background work (lease {Namespace}/{Lease})")]
    private static partial void LogLeading(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} no longer leads background work")]
    private static partial void LogStoppedLeading(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election failed; retrying")]
    private static partial void LogElectionError(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} could not compete for the lease (is the Kubernetes API reachable?); trying again in {Delay}")]
    private static partial void LogCompetitionFailed(ILogger logger, Exception error, string identity, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background work stopped with an error")]
    private static partial void LogWorkFailed(ILogger logger, Exception error);
}
