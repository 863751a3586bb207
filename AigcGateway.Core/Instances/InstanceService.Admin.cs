using System.Collections.Immutable;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Administrator views and actions: every user's instances, and the lifecycle operations on any of them. An action
/// runs as the recorded owner, so the owner's dashboard shows its progress and the owner check still guards the write
/// (the owner changing meanwhile fails the action rather than acting on someone else's instance).
/// </summary>
internal sealed partial class InstanceService
{
    /// <summary>Every owned instance in the snapshot, projected as its owner's dashboard shows it.</summary>
    public ImmutableArray<Instance> AllInstances()
    {
        var snapshot = _hub.Current;
        var owners = snapshot.Templates.Values.SelectMany(t => t.Owners.Values).Distinct(StringComparer.Ordinal);
        return [.. owners.SelectMany(owner => _feed.Project(snapshot, owner).Instances)
            .OrderBy(i => i.Ref.Template.ToString(), StringComparer.Ordinal)
            .ThenBy(i => i.Ref.Id)];
    }

    public Task<OperationResult> AdminPauseAsync(InstanceRef instance, CancellationToken cancellationToken) =>
        AsOwner(instance, owner => PauseAsync(owner, instance, cancellationToken));

    public Task<OperationResult> AdminRecoverAsync(InstanceRef instance, CancellationToken cancellationToken) =>
        AsOwner(instance, owner => RecoverAsync(owner, instance, cancellationToken));

    public Task<OperationResult> AdminRestartAsync(InstanceRef instance, CancellationToken cancellationToken) =>
        AsOwner(instance, owner => RestartAsync(owner, instance, cancellationToken));

    public Task<OperationResult> AdminUninstallAsync(InstanceRef instance, CancellationToken cancellationToken) =>
        AsOwner(instance, owner => UninstallAsync(owner, instance, cancellationToken));

    public Task<OperationResult> AdminRemoveAsync(InstanceRef instance, CancellationToken cancellationToken) =>
        AsOwner(instance, owner => RemoveAsync(owner, instance, cancellationToken));

    /// <summary>Removes the user's record of a missing instance (see <see cref="InstanceRecords.RemoveAsync"/>).</summary>
    public Task<OperationResult> RemoveAsync(string userId, InstanceRef instance, CancellationToken cancellationToken) =>
        new InstanceRecords(_writer, _hub, _mirror, _logger).RemoveAsync(userId, instance, cancellationToken);

    private Task<OperationResult> AsOwner(InstanceRef instance, Func<string, Task<OperationResult>> operation)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var owner = _hub.Current.OwnerOf(instance);
        return owner is null
            ? Task.FromResult(OperationResult.Fail(OperationError.NotInstalled, instance))
            : operation(owner);
    }
}
