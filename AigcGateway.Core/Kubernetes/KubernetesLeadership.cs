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

    public async Task RunWhileLeadingAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        while (!cancellationToken.IsCancellationRequested)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Background work stopped with an error")]
    private static partial void LogWorkFailed(ILogger logger, Exception error);
}
