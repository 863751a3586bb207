using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Logto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Administration;

/// <summary>Registers <see cref="IAdministration"/> on top of <c>AddGatewayCore</c> (call that too).</summary>
public static class AdministrationRegistration
{
    /// <param name="services">the services that already hold the gateway core</param>
    /// <param name="rules">the template rules, computed when first used (from the gateway's options)</param>
    public static IServiceCollection AddGatewayAdministrationCore(this IServiceCollection services, Func<IServiceProvider, TemplateRules> rules)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(rules);
        services.TryAddSingleton(new AdministrationOptions());
        services.TryAddSingleton<ITemplateAdminStore>(sp => KubernetesTemplateAdminStore.FromServices(sp));
        services.TryAddSingleton<IAdministration>(sp => new AdministrationService(
            sp.GetRequiredService<InstanceService>(),
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<ITemplateAdminStore>(),
            sp.GetRequiredService<ITemplateStore>(),
            sp.GetService<ILogtoUsers>(),
            () => rules(sp),
            sp.GetRequiredService<AdministrationOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AdministrationService>>()));
        return services;
    }
}
