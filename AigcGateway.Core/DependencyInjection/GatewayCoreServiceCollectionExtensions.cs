using AigcGateway.Core.Access;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(Options.Create(options));
        return services.AddGatewayCore();
    }

    /// <summary>
    /// As <see cref="AddGatewayCore(IServiceCollection, GatewayCoreOptions)"/>, with the options from the registered
    /// <see cref="IOptions{GatewayCoreOptions}"/> (the host derives them from its configuration).
    /// </summary>
    public static IServiceCollection AddGatewayCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GatewayCoreOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayCoreOptions>().Lifecycle);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayCoreOptions>().Conformance);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new InstanceActivity(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SnapshotHub>();
        services.AddSingleton(sp => new TemplateWriter(
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<ITemplateStore>(),
            sp.GetRequiredService<LifecycleOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TemplateWriter>>()));
        services.AddSingleton(sp => new InstanceService(
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<ITemplateStore>(),
            sp.GetService<IUserInstanceMirror>() ?? new NullUserInstanceMirror(),
            sp.GetRequiredService<LifecycleOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<InstanceService>>(),
            sp.GetRequiredService<InstanceActivity>(),
            sp.GetRequiredService<TemplateWriter>(),
            sp.GetRequiredService<Idle.IGameServerAnnotations>()));
        services.AddSingleton<IInstanceService>(sp => sp.GetRequiredService<InstanceService>());
        services.AddSingleton<ICatalog>(sp => sp.GetRequiredService<InstanceService>());
        services.AddSingleton<IOwnershipAdopter>(sp => new InstanceRecords(
            sp.GetRequiredService<TemplateWriter>(),
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetService<IUserInstanceMirror>() ?? new NullUserInstanceMirror(),
            sp.GetRequiredService<ILogger<InstanceRecords>>()));
        services.AddSingleton<IInstanceOwnershipSource>(sp => new OwnershipSource(sp.GetRequiredService<SnapshotHub>()));
        services.AddSingleton<IForwardAuthIndexSource>(sp => new ForwardAuthIndexSource(sp.GetRequiredService<SnapshotHub>()));
        // run by the host under the Lease; needs an IReleaseGate (the Logto mirror's adoption)
        services.AddSingleton(sp => new ReservedIdReleaser(
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<TemplateWriter>(),
            sp.GetRequiredService<IVolumeLookup>(),
            sp.GetRequiredService<IReleaseGate>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReservedIdReleaser>>()));
        Idle.IdleRegistration.AddIdleAutoPause(services);
        KubernetesRegistration.Add(services);
        return services.AddClusterServices();
    }
}
