using AigcGateway.Core.Coordination;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using Microsoft.Extensions.DependencyInjection;

namespace AigcGateway.Core.DependencyInjection;

/// <summary>
/// Every background service of the gateway, in one list. On every replica: the watch-fed cluster cache
/// (<see cref="ClusterCache"/>), the revoked sessions' watch (<see cref="KubernetesSessionRevocations"/>), id verification
/// (<see cref="IdVerificationService"/>), the persister of forward-auth activity (<see cref="Idle.ActivityPersisterService"/>) and the audit writer (<c>Storage.StorageRegistration</c>, with the store). Under the
/// Lease (<see cref="LeaderWorkService"/>, one election, one replica at a time): every registered <see cref="LeaderTask"/>,
/// that is the idle pauses (<see cref="Idle.IdlePauser"/>, with the core), the Logto mirror reconciler and the release of
/// reserved ids (with the mirror) and the audit retention pruning (with the store).
/// </summary>
public static class GatewayHostedServices
{
    /// <summary>The services every replica runs; <c>AddGatewayCore</c> calls this.</summary>
    internal static IServiceCollection AddClusterServices(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<ClusterCache>());
        services.AddHostedService(sp => sp.GetRequiredService<KubernetesSessionRevocations>());
        services.AddHostedService<IdVerificationService>();
        services.AddHostedService<Idle.ActivityPersisterService>();
        // one election of the Lease for every registered LeaderTask
        services.AddHostedService<LeaderWorkService>();
        return services;
    }
}
