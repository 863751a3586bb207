using AigcGateway.Core.Access;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.DependencyInjection;

public static class GatewayCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the catalog, the instance lifecycle (<see cref="IInstanceService"/>, <see cref="ICatalog"/>), the ports
    /// the Logto mirror and forward auth need (<see cref="IInstanceOwnershipSource"/>, <see cref="IOwnershipAdopter"/>,
    /// <see cref="IForwardAuthIndexSource"/>, <see cref="InstanceActivity"/>), the watch-fed cache and id verification
    /// (hosted services), and the Kubernetes adapter. The registered <see cref="IUserInstanceMirror"/> is used when there
    /// is one (in any order of registration); a no-op one otherwise.
    /// </summary>
    public static IServiceCollection AddGatewayCore(this IServiceCollection services, GatewayCoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var catalog = options.EffectiveCatalog();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new InstanceActivity(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SnapshotHub>();
        services.AddSingleton(options.Lifecycle);
        services.AddSingleton(sp => new InstanceService(
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<ITemplateStore>(),
            sp.GetService<IUserInstanceMirror>() ?? new NullUserInstanceMirror(),
            options.Lifecycle,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<InstanceService>>(),
            sp.GetRequiredService<InstanceActivity>()));
        services.AddSingleton<IInstanceService>(sp => sp.GetRequiredService<InstanceService>());
        services.AddSingleton<ICatalog>(sp => sp.GetRequiredService<InstanceService>());
        services.AddSingleton<IOwnershipAdopter>(sp => sp.GetRequiredService<InstanceService>());
        services.AddSingleton<IInstanceOwnershipSource>(sp => new OwnershipSource(sp.GetRequiredService<SnapshotHub>()));
        services.AddSingleton<IForwardAuthIndexSource>(sp => new ForwardAuthIndexSource(sp.GetRequiredService<SnapshotHub>()));
        services.AddSingleton<IHostedService, IdVerificationService>();
        KubernetesRegistration.Add(services, options.Kubernetes, catalog);
        return services;
    }
}
