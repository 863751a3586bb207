using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>
/// The users' <see cref="IInstanceService"/> with every lifecycle operation recorded in the <see cref="AuditTrail"/>
/// (who, what, when, outcome). Reads pass straight through.
/// </summary>
internal sealed class AuditingInstanceService(IInstanceService inner, AuditTrail audit) : IInstanceService
{

    public Task<DashboardSubscription> SubscribeAsync(string userId, CancellationToken cancellationToken) =>
        inner.SubscribeAsync(userId, cancellationToken);

    public async Task<OperationResult> InstallAsync(string userId, TemplateRef template, CancellationToken cancellationToken)
    {
        var result = await inner.InstallAsync(userId, template, cancellationToken).ConfigureAwait(false);
        await RecordAsync(userId, "installed", template, result.Instance?.ToString() ?? template.ToString(), result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public Task<OperationResult> PauseAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        AuditedAsync(userId, "paused", instance, inner.PauseAsync(userId, instance, cancellationToken), cancellationToken);

    public Task<OperationResult> RecoverAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        AuditedAsync(userId, "recovered", instance, inner.RecoverAsync(userId, instance, cancellationToken), cancellationToken);

    public Task<OperationResult> RestartAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        AuditedAsync(userId, "restarted", instance, inner.RestartAsync(userId, instance, cancellationToken), cancellationToken);

    public Task<OperationResult> UninstallAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        AuditedAsync(userId, "uninstalled", instance, inner.UninstallAsync(userId, instance, cancellationToken), cancellationToken);

    public Task<OperationResult> RemoveAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        AuditedAsync(userId, "removed the record of", instance, inner.RemoveAsync(userId, instance, cancellationToken), cancellationToken);

    public Task<OperationResult> KeepRunningAsync(string userId, InstanceRef instance, TimeSpan duration, CancellationToken cancellationToken) =>
        AuditedAsync(userId, "kept running for " + TemplateManifestBuilder.FormatDuration(duration), instance, inner.KeepRunningAsync(userId, instance, duration, cancellationToken), cancellationToken);

    private async Task<OperationResult> AuditedAsync(string userId, string action, InstanceRef instance, Task<OperationResult> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var result = await operation.ConfigureAwait(false);
        await RecordAsync(userId, action, instance.Template, instance.ToString(), result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private Task RecordAsync(string userId, string action, TemplateRef template, string target, OperationResult result, CancellationToken cancellationToken) =>
        audit.RecordAsync("user " + userId, action, template, target, result.Succeeded, result.Error?.ToString(), cancellationToken);
}
