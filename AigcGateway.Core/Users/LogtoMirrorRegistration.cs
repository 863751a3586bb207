using AigcGateway.Core.Coordination;
using AigcGateway.Core.Instances;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AigcGateway.Core.Users;

/// <summary>
/// Registers the Logto customData mirror on top of <c>AddGatewayCore</c>: the write queue, the mirror the lifecycle
/// writes through (<see cref="IUserInstanceMirror"/>), its reconciler and the release gate it opens, and the work the
/// replica holding the Lease runs with them. Needs an <see cref="Logto.ILogtoUsers"/> (the host builds it from its settings).
/// </summary>
public static class LogtoMirrorRegistration
{
    public static IServiceCollection AddGatewayLogtoMirror(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(UserMirrorReconciler)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MirrorWriteQueue>();
        services.TryAddSingleton<IUserInstanceMirror, LogtoUserInstanceMirror>();
        services.TryAddSingleton<UserMirrorReconciler>();
        services.TryAddSingleton<IReleaseGate>(sp => new AdoptionReleaseGate(sp.GetRequiredService<UserMirrorReconciler>()));
        // under the Lease: the reconciler, and the release of reserved ids (it needs the gate the reconciler opens)
        services.AddSingleton(sp => new LeaderTask("Logto mirror", sp.GetRequiredService<UserMirrorReconciler>().RunAsync));
        services.AddSingleton(sp => new LeaderTask("reserved id release", sp.GetRequiredService<ReservedIdReleaser>().RunAsync));
        return services;
    }
}
