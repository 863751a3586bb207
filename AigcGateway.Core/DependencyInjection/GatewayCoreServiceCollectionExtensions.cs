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
    /// Registers the catalog, the instance lifecycle (<see cref="IInstanceService"/>, <see cref="ICatalog"/>), the
    /// watch-fed cache and id verification (hosted services), and the Kubernetes adapter. Register the real
    /// <see cref="IUserInstanceMirror"/> as well; a no-op one is used otherwise.
    /// </summary>
    public static IServiceCollection AddGatewayCore(this IServiceCollection services, GatewayCoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var catalog = options.EffectiveCatalog();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IUserInstanceMirror, NullUserInstanceMirror>();
        services.AddSingleton<SnapshotHub>();
        services.AddSingleton(options.Lifecycle);
        services.AddSingleton(sp => new InstanceService(
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<ITemplateStore>(),
            sp.GetRequiredService<IUserInstanceMirror>(),
            options.Lifecycle,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<InstanceService>>()));
        services.AddSingleton<IInstanceService>(sp => sp.GetRequiredService<InstanceService>());
        services.AddSingleton<ICatalog>(sp => sp.GetRequiredService<InstanceService>());
        services.AddSingleton<IHostedService, IdVerificationService>();
        KubernetesRegistration.Add(services, options.Kubernetes, catalog);
        return services;
    }
}
