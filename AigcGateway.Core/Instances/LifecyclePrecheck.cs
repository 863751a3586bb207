using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>The lifecycle's checks before any write, for users and administrators alike.</summary>
internal static class LifecyclePrecheck
{
    /// <summary>
    /// What refuses an operation before any write, for users and administrators alike: an unknown user, a cache not yet
    /// filled, an unknown or non-installable template, and (for operations that <paramref name="starts"/> an instance:
    /// install, recover) a template being deleted.
    /// </summary>
    public static OperationResult? Refusal(ClusterSnapshot snapshot, string userId, TemplateRef template, out TemplateState? state, bool starts = false)
    {
        ArgumentNullException.ThrowIfNull(template);
        state = null;
        if (string.IsNullOrWhiteSpace(userId))
        {
            // never act for an unknown user (the earlier gateway created orphans this way)
            throw new ArgumentException("A user id is required.", nameof(userId));
        }

        if (!snapshot.IsReady)
        {
            return OperationResult.Fail(OperationError.NotReady);
        }

        if (!snapshot.Templates.TryGetValue(template, out state))
        {
            return OperationResult.Fail(OperationError.TemplateNotFound);
        }

        return state.Template.IsInstallable && !(starts && state.Deletion is not null) ? null : OperationResult.Fail(OperationError.TemplateNotInstallable);
    }

    /// <summary>Refuses an operation on <paramref name="instance"/> that <paramref name="userId"/> does not own.</summary>
    public static OperationResult? NotOwner(TemplateState basis, string userId, InstanceRef instance)
    {
        if (!basis.Template.IsInstallable)
        {
            return OperationResult.Fail(OperationError.TemplateNotInstallable, instance);
        }

        if (!basis.Owners.TryGetValue(instance.Id, out var owner))
        {
            return OperationResult.Fail(OperationError.NotInstalled, instance);
        }

        return string.Equals(owner, userId, StringComparison.Ordinal) ? null : OperationResult.Fail(OperationError.NotOwner, instance);
    }
}
