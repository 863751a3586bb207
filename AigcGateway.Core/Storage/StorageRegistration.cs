using AigcGateway.Core.Coordination;
using AigcGateway.Core.Storage.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Storage;

/// <summary>
/// Registers the durable store: the database (<see cref="StorageOptions"/>), the audit log's ports
/// (<see cref="IAuditLog"/>, <see cref="IAuditQuery"/>, <see cref="IAuditStoreStatus"/>), the writer that migrates and
/// writes in the background, and the retention pruning run by the leading replica (a <see cref="LeaderTask"/>, once the database is migrated).
/// </summary>
public static class StorageRegistration
{
    /// <param name="services">the gateway's services (the Lease's election comes with <c>AddGatewayCore</c>)</param>
    /// <param name="options">the store's options, computed when first used</param>
    public static IServiceCollection AddGatewayStorage(this IServiceCollection services, Func<IServiceProvider, StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (services.Any(d => d.ServiceType == typeof(GatewayDatabase)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new GatewayDatabase(options(sp)));
        services.AddSingleton(sp => new DatabaseMigrator(sp.GetRequiredService<GatewayDatabase>(), sp.GetRequiredService<ILogger<DatabaseMigrator>>()));
        services.AddSingleton(sp => new AuditWriter(
            sp.GetRequiredService<GatewayDatabase>(),
            sp.GetRequiredService<DatabaseMigrator>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AuditWriter>>()));
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditWriter>());
        services.AddSingleton<IAuditStoreStatus>(sp => sp.GetRequiredService<AuditWriter>());
        services.AddSingleton<IAuditQuery>(sp => new AuditQuery(sp.GetRequiredService<GatewayDatabase>()));
        services.AddSingleton(sp => new AuditPruner(sp.GetRequiredService<GatewayDatabase>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AuditPruner>>()));
        services.AddSingleton<IHostedService, AuditWriterService>();
        services.AddSingleton(sp => new LeaderTask("audit retention", async cancellationToken =>
        {
            await sp.GetRequiredService<AuditWriter>().WhenMigrated.WaitAsync(cancellationToken).ConfigureAwait(false);
            await sp.GetRequiredService<AuditPruner>().RunAsync(cancellationToken).ConfigureAwait(false);
        }));
        return services;
    }

    /// <summary>Runs the writer for the life of the process (it starts by migrating).</summary>
    private sealed class AuditWriterService(AuditWriter writer) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => writer.RunAsync(stoppingToken);
    }
}
