using AigcGateway.Core.Coordination;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AigcGateway.Core.DependencyInjection;

/// <summary>
/// Every background service of the gateway, in one list. On every replica: the watch-fed cluster cache
/// (<see cref="ClusterCache"/>), the revoked sessions' watch (<see cref="KubernetesSessionRevocations"/>), id verification
/// (<see cref="IdVerificationService"/>) and the audit writer (<c>Storage.StorageRegistration</c>, with the store). Under the
/// Lease (<see cref="ILeadership.RunWhileLeadingAsync"/>, one replica at a time): the Logto mirror reconciler and the
/// release of reserved ids (<see cref="LeaderWorkService"/>), and the audit retention pruning (with the store).
/// </summary>
public static class GatewayHostedServices
{
    /// <summary>The services every replica runs; <c>AddGatewayCore</c> calls this.</summary>
    internal static IServiceCollection AddClusterServices(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<ClusterCache>());
        services.AddHostedService(sp => sp.GetRequiredService<KubernetesSessionRevocations>());
        services.AddHostedService<IdVerificationService>();
        return services;
    }

    /// <summary>The work under the Lease that needs the Logto mirror; <c>AddGatewayLogtoMirror</c> calls this.</summary>
    internal static IServiceCollection AddLeaderServices(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(LeaderWorkService)))
        {
            services.AddHostedService<LeaderWorkService>();
        }

        return services;
    }
}
