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

    /// <summary>How long a clean stop may spend giving the lease up.</summary>
    public TimeSpan ReleaseTimeout { get; init; } = TimeSpan.FromSeconds(5);

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
        var led = false;
        elector.OnStartedLeading += () =>
        {
            led = true;
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

            if (led && cancellationToken.IsCancellationRequested)
            {
                // a clean stop: hand the lease over now instead of making the others wait for it to expire
                await ReleaseAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Gives the lease up as client-go's ReleaseOnCancel does: no holder and a one-second duration, in one update guarded
    /// by the resourceVersion just read, and only while this replica still holds it.
    /// </summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(leaseName, leaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            if (lease.Spec is null || !string.Equals(lease.Spec.HolderIdentity, identity, StringComparison.Ordinal))
            {
                return;
            }

            var now = DateTime.UtcNow;
            lease.Spec.HolderIdentity = string.Empty;
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.AcquireTime = now;
            lease.Spec.RenewTime = now;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, leaseName, leaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            LogReleased(logger, identity, leaseNamespace, leaseName);
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            // someone else took it meanwhile (409), or the API is gone: the lease then expires by itself
            LogReleaseFailed(logger, e, identity);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} released the lease {Namespace}/{Lease} on stopping")]
    private static partial void LogReleased(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} could not release the lease on stopping; it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, string identity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background work stopped with an error")]
    private static partial void LogWorkFailed(ILogger logger, Exception error);
}
