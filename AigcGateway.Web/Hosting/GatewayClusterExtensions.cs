using System.Globalization;
using AigcGateway.Core.Coordination;
using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Sessions;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Hosting;

/// <summary>The Core services (catalog, lifecycle, watch-fed cache) configured from the gateway's options.</summary>
public static class GatewayClusterExtensions
{
    public static WebApplicationBuilder AddGatewayCluster(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddGatewayCore(sp =>
        {
            var gateway = sp.GetRequiredService<IOptions<GatewayOptions>>().Value;
            var kubernetes = sp.GetRequiredService<IOptions<KubernetesOptions>>().Value;
            return new GatewayCoreOptions
            {
                Catalog = CatalogFilter.Create(gateway.Namespaces, gateway.TemplateLabels),
                // the earlier gateway's filter file is already merged into Gateway:Namespaces/TemplateLabels
                LegacyConfigFile = null,
                Kubernetes = new KubernetesConnection(KubeconfigPath: string.IsNullOrWhiteSpace(kubernetes.Kubeconfig) ? null : kubernetes.Kubeconfig),
                Lifecycle = new LifecycleOptions { ForceHttps = gateway.PublicUri?.Scheme == Uri.UriSchemeHttps },
                // demo mode without Gateway:PublicUrl: the address the demo templates point their annotations at
                Conformance = new ConformanceRules(gateway.PublicUri ?? sp.GetRequiredService<GatewayMode>().DemoDashboardUrl),
                LeaseNamespace = string.IsNullOrWhiteSpace(kubernetes.LeaseNamespace) ? null : kubernetes.LeaseNamespace,
            };
        });
        services.AddHealthChecks()
            .AddCheck<ClusterReadyHealthCheck>("cluster-cache", tags: [GatewayWebExtensions.ReadyTag])
            .AddCheck<RevocationsReadyHealthCheck>("session-revocations", tags: [GatewayWebExtensions.ReadyTag])
            .AddCheck<ClusterConnectionHealthCheck>("cluster-connection", tags: [GatewayWebExtensions.ReadyTag]);
        services.AddGatewayMirrorReconciler();
        services.AddSingleton<IReleaseGate>(sp => new AdoptionReleaseGate(sp.GetRequiredService<UserMirrorReconciler>()));
        services.AddHostedService<MirrorReconcilerService>();

        // Every background loop handles its own failures (log, back off, start again). Should one still escape, the
        // process keeps serving /auth and the dashboards from the last snapshot: stopping every replica at once would
        // make every instance unreachable, which is worse than one loop that is down and says so in the log.
        services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        return builder;
    }

    /// <summary><c>/readyz</c>: not ready until the cache has listed the cluster once.</summary>
    private sealed class ClusterReadyHealthCheck(ICatalog catalog) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(catalog.IsReady
                ? HealthCheckResult.Healthy("the cluster cache is filled")
                : HealthCheckResult.Unhealthy("the cluster cache has not finished its first list"));
    }

    /// <summary><c>/readyz</c>: not ready until the revoked sessions have been read (a signed-out session must not pass here).</summary>
    private sealed class RevocationsReadyHealthCheck(ISessionRevocations revocations) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(revocations.IsReady
                ? HealthCheckResult.Healthy("the revoked sessions are read")
                : HealthCheckResult.Unhealthy("the revoked sessions have not been read yet"));
    }

    /// <summary>
    /// <c>/readyz</c> while the Kubernetes API cannot be reached: Degraded, which still answers 200. The replica keeps
    /// serving <c>/auth</c> and the dashboards from its last snapshot; taking every replica out of the Service at once
    /// would make every instance unreachable during an API server restart.
    /// </summary>
    private sealed class ClusterConnectionHealthCheck(ICatalog catalog) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(catalog.Snapshot.UnreachableSince is { } since
                ? HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture, $"the Kubernetes API cannot be reached since {since:O}; serving the last snapshot"))
                : HealthCheckResult.Healthy("the cluster cache is connected"));
    }

    /// <summary>
    /// The work of the replica that holds the Lease, for the life of the process, starting once the cache has listed the
    /// cluster: the Logto mirror reconciler (adoption at start-up, retries, drift repair; adoption needs the ownership
    /// records) and the release of reserved ids nothing holds any more (once adoption has completed).
    /// </summary>
    private sealed class MirrorReconcilerService(
        UserMirrorReconciler reconciler,
        ReservedIdReleaser releaser,
        IInstanceService instances,
        ILeadership leadership,
        TimeProvider time,
        ILogger<MirrorReconcilerService> logger) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
            ResilientLoop.RunAsync("Logto mirror", RunAsync, RetryBackoff.Default, time, logger, stoppingToken);

        private async Task RunAsync(CancellationToken stoppingToken)
        {
            await using (var subscription = await instances.SubscribeAsync(userId: "system:mirror-reconciler", stoppingToken))
            {
                if (!subscription.Snapshot.IsReady)
                {
                    await foreach (var dashboard in subscription.Changes.WithCancellation(stoppingToken))
                    {
                        if (dashboard.IsReady)
                        {
                            break;
                        }
                    }
                }
            }

            // One replica at a time: the one holding the Lease.
            await leadership.RunWhileLeadingAsync(
                token => Task.WhenAll(
                    reconciler.RunAsync(token),
                    ResilientLoop.RunAsync("reserved id release", releaser.RunAsync, RetryBackoff.Default, time, logger, token)),
                stoppingToken);
        }
    }
}
