using AigcGateway.Core.DependencyInjection;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Logto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AigcGateway.Core.Administration;

/// <summary>
/// Registers <see cref="IAdministration"/> and the audit trail on top of <c>AddGatewayCore</c> (call that first), and
/// decorates <see cref="IInstanceService"/> so users' lifecycle operations are audited. Calling it twice does nothing more.
/// </summary>
public static class AdministrationRegistration
{
    /// <param name="services">the services that already hold the gateway core</param>
    /// <remarks>The template rules come from the registered <see cref="IOptions{TemplateRules}"/>.</remarks>
    public static IServiceCollection AddGatewayAdministrationCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(AuditTrail)))
        {
            return services;
        }

        services.TryAddSingleton(new AdministrationOptions());
        services.AddSingleton(sp => new AuditTrail(
            sp.GetRequiredService<ITemplateAdminStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AuditTrail>>(),
            sp.GetService<Storage.Audit.IAuditLog>()));

        services.TryAddSingleton<Idle.IAutoPauseAudit>(sp => new AuditedAutoPauses(sp.GetRequiredService<AuditTrail>()));

        // users' lifecycle operations are audited too
        services.Decorate<IInstanceService>((inner, sp) => new AuditingInstanceService(inner, sp.GetRequiredService<AuditTrail>()));
        services.TryAddSingleton<ITemplateAdminStore>(sp => KubernetesTemplateAdminStore.FromServices(sp));
        services.TryAddSingleton<IAdministration>(sp => new AdministrationService(
            sp.GetRequiredService<InstanceService>(),
            sp.GetRequiredService<SnapshotHub>(),
            sp.GetRequiredService<ITemplateAdminStore>(),
            sp.GetRequiredService<ITemplateStore>(),
            sp.GetService<ILogtoUsers>(),
            sp.GetRequiredService<IOptions<TemplateRules>>(),
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
