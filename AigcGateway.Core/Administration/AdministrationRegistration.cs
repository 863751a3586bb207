using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Logto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Administration;

/// <summary>
/// Registers <see cref="IAdministration"/> and the audit trail on top of <c>AddGatewayCore</c> (call that first), and
/// decorates <see cref="IInstanceService"/> so users' lifecycle operations are audited. Calling it twice does nothing more.
/// </summary>
public static class AdministrationRegistration
{
    /// <param name="services">the services that already hold the gateway core</param>
    /// <param name="rules">the template rules, computed when first used (from the gateway's options)</param>
    public static IServiceCollection AddGatewayAdministrationCore(this IServiceCollection services, Func<IServiceProvider, TemplateRules> rules)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(rules);
        if (services.Any(d => d.ServiceType == typeof(AuditTrail)))
        {
            return services;
        }

        services.TryAddSingleton(new AdministrationOptions());
        services.AddSingleton(sp => new AuditTrail(
            sp.GetRequiredService<ITemplateAdminStore>(),
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<AdministrationOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AuditTrail>>(),
            sp.GetService<Storage.Audit.IAuditLog>()));

        // users' lifecycle operations are audited too (this registration wins over the core's undecorated one)
        services.AddSingleton<IInstanceService>(sp => new AuditingInstanceService(sp.GetRequiredService<InstanceService>(), sp.GetRequiredService<AuditTrail>()));
        services.TryAddSingleton<ITemplateAdminStore>(sp => KubernetesTemplateAdminStore.FromServices(sp));
        services.TryAddSingleton<IAdministration>(sp => new AdministrationService(
            sp.GetRequiredService<InstanceService>(),
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<ITemplateAdminStore>(),
            sp.GetRequiredService<ITemplateStore>(),
            sp.GetService<ILogtoUsers>(),
            () => rules(sp),
            sp.GetRequiredService<AdministrationOptions>(),
            sp.GetRequiredService<AuditTrail>(),
            sp.GetRequiredService<TemplateWriter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AdministrationService>>()));
        services.TryAddSingleton<IMigrationAdministration>(sp => new MigrationAdministration(
            sp.GetService<Users.UserMirrorReconciler>(),
            sp.GetService<ILogtoUsers>(),
            sp.GetService<Users.MirrorWriteQueue>(),
            sp.GetRequiredService<Users.IOwnershipAdopter>(),
            sp.GetRequiredService<InstanceService>(),
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<AuditTrail>()));
        return services;
    }
}
