using AigcGateway.Core.Access;
using AigcGateway.Core.Coordination;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Logto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Idle;

/// <summary>
/// The idle auto-pause: the persister of last activity (every replica, <see cref="ActivityPersisterService"/>), the
/// Prometheus meter when <see cref="IdleOptions.PrometheusUrl"/> is set, and the leader's pauses (a <see cref="LeaderTask"/>).
/// </summary>
internal static class IdleRegistration
{
    public static IServiceCollection AddIdleAutoPause(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<LifecycleOptions>().Idle);
        services.AddSingleton(sp => new ActivityPersister(
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<InstanceActivity>(),
            sp.GetRequiredService<IGameServerAnnotations>(),
            sp.GetRequiredService<IdleOptions>(),
            sp.GetRequiredService<ILogger<ActivityPersister>>()));
        services.AddSingleton(sp => new IdlePauser(
            sp.GetRequiredService<InstanceService>(),
            sp.GetRequiredService<InstanceActivity>(),
            sp.GetRequiredService<ActivityPersister>(),
            sp.GetService<IUsageMeter>() ?? MeterFor(sp.GetRequiredService<IdleOptions>(), sp.GetRequiredService<TimeProvider>()),
            sp.GetService<IAutoPauseAudit>(),
            sp.GetRequiredService<IdleOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<IdlePauser>>()));
        services.AddSingleton(sp => new LeaderTask("idle pauses", sp.GetRequiredService<IdlePauser>().RunAsync));
        return services;
    }

    /// <summary>Prometheus when <see cref="IdleOptions.PrometheusUrl"/> is set (TLS verified; the CA bundle added to the roots), else none.</summary>
    private static PrometheusUsageMeter? MeterFor(IdleOptions idle, TimeProvider time) => idle.PrometheusUrl is { } url
        ? new PrometheusUsageMeter(new HttpClient(LogtoTls.CreateHandler(idle.PrometheusCaFile)) { Timeout = TimeSpan.FromSeconds(10) }, EndingInSlash(url), time)
        : null;

    private static Uri EndingInSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
