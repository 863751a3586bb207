using System.Globalization;
using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Sessions;
using AigcGateway.Core.Users;
using AigcGateway.Web.Auth;
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
        services.AddSingleton<IOptionsFactory<GatewayCoreOptions>, GatewayCoreOptionsFactory>();
        services.AddGatewayCore();
        services.AddHealthChecks()
            .AddCheck<ClusterReadyHealthCheck>("cluster-cache", tags: [GatewayWebExtensions.ReadyTag])
            .AddCheck<RevocationsReadyHealthCheck>("session-revocations", tags: [GatewayWebExtensions.ReadyTag])
            .AddCheck<ClusterConnectionHealthCheck>("cluster-connection", tags: [GatewayWebExtensions.ReadyTag]);
        services.AddGatewayLogto();
        services.AddGatewayLogtoMirror();

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
            Task.FromResult(catalog.Snapshot.IsReady
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
}
