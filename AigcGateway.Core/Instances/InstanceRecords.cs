using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Changes to the ownership record alone (replicas and reserved ids stay as they are), each one guarded GameServerSet
/// update through the template writer's per-template queue: adopting an entry found only in Logto, an administrator giving
/// an instance to a user, and removing a missing record (an owner entry without a GameServer or a reservation).
/// </summary>
internal sealed partial class InstanceRecords(TemplateWriter writer, SnapshotHub hub, IUserInstanceMirror mirror, ILogger logger)
    : IOwnershipAdopter
{
    private readonly LoggedMirror _mirror = new(mirror, logger);

    public Task<AdoptionOutcome> AdoptAsync(InstanceRef instance, string userId, CancellationToken cancellationToken) =>
        WriteOwnerAsync(instance, userId, takeFromOthers: false, cancellationToken);

    public async Task<AdoptionOutcome> AssignAsync(InstanceRef instance, string userId, CancellationToken cancellationToken)
    {
        var previous = hub.Current.OwnerOf(instance);
        var outcome = await WriteOwnerAsync(instance, userId, takeFromOthers: true, cancellationToken).ConfigureAwait(false);
        if (outcome.Result == AdoptionResult.Adopted)
        {
            if (previous is not null && previous != userId)
            {
                await _mirror.ForgetAsync(previous, instance, cancellationToken).ConfigureAwait(false);
            }

            await _mirror.RecordAsync(userId, instance, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>
    /// Removes the user's record of an instance that does not exist (no GameServer, no reservation, not about to be
    /// created), and the user's Logto entry for the template. Nothing else changes; an existing instance is refused.
    /// </summary>
    public async Task<OperationResult> RemoveAsync(string userId, InstanceRef instance, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(instance);
        if (!hub.Current.IsReady)
        {
            return OperationResult.Fail(OperationError.NotReady, instance);
        }

        if (!hub.Current.Templates.ContainsKey(instance.Template))
        {
            return OperationResult.Fail(OperationError.TemplateNotFound, instance);
        }

        var result = await writer.UpdateAsync(instance.Template, basis =>
        {
            if (!basis.Owners.TryGetValue(instance.Id, out var owner))
            {
                return new TemplatePlan(null, OperationResult.Fail(OperationError.NotInstalled, instance));
            }

            if (!string.Equals(owner, userId, StringComparison.Ordinal))
            {
                return new TemplatePlan(null, OperationResult.Fail(OperationError.NotOwner, instance));
            }

            var present = OkgSettlement.Present(hub.Current, instance.Template);
            return OkgSettlement.MissingRecords(basis, present).Contains(instance.Id)
                ? new TemplatePlan(new TemplateWrite(basis.Replicas, basis.Reserved, basis.Owners.Remove(instance.Id), basis.ReserveFormat),
                    OperationResult.Ok(instance))
                : new TemplatePlan(null, OperationResult.Fail(OperationError.InstanceExists, instance));
        }, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            LogRemoved(userId, instance);
            await _mirror.ForgetAsync(userId, instance, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<AdoptionOutcome> WriteOwnerAsync(InstanceRef instance, string userId, bool takeFromOthers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (!hub.Current.IsReady || !hub.Current.Templates.ContainsKey(instance.Template))
        {
            return new AdoptionOutcome(AdoptionResult.TemplateGone);
        }

        var outcome = AdoptionResult.Failed;
        string? version = null;
        var result = await writer.UpdateAsync(instance.Template, basis =>
        {
            version = basis.ResourceVersion;
            var owner = basis.Owners.GetValueOrDefault(instance.Id);
            outcome = Decide(basis, instance.Id, userId, owner, takeFromOthers);
            return outcome == AdoptionResult.Adopted
                ? new TemplatePlan(new TemplateWrite(basis.Replicas, basis.Reserved, basis.Owners.SetItem(instance.Id, userId), basis.ReserveFormat),
                    OperationResult.Ok(instance))
                : new TemplatePlan(null, outcome == AdoptionResult.AlreadyOwned
                    ? OperationResult.Ok(instance)
                    : OperationResult.Fail(OperationError.NotOwner, instance));
        }, cancellationToken, written => version = written.ResourceVersion).ConfigureAwait(false);

        if (!result.Succeeded && outcome == AdoptionResult.Adopted)
        {
            // the lifecycle's guard refused the write, or the cluster failed it
            outcome = result.Error == OperationError.InstanceMissing ? AdoptionResult.Missing : AdoptionResult.Failed;
        }

        if (outcome == AdoptionResult.Adopted)
        {
            LogAdopted(userId, instance, takeFromOthers);
        }

        return new AdoptionOutcome(outcome, version);
    }

    private AdoptionResult Decide(TemplateState basis, int id, string userId, string? owner, bool takeFromOthers)
    {
        if (string.Equals(owner, userId, StringComparison.Ordinal))
        {
            return AdoptionResult.AlreadyOwned;
        }

        if (owner is not null && !takeFromOthers)
        {
            return AdoptionResult.OwnedByOtherUser;
        }

        // only an instance that exists can be adopted: a GameServer (or its pod), or a reserved id holding data (paused)
        if (!OwnershipSource.Existing(hub.Current, basis).Contains(id))
        {
            return AdoptionResult.Missing;
        }

        return LifecyclePlanner.OwnedBy(basis, userId) is { } other && other != id
            ? AdoptionResult.UserOwnsOtherInstance
            : AdoptionResult.Adopted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded user {UserId} as the owner of {Instance} (administrator's decision: {Assigned})")]
    private partial void LogAdopted(string userId, InstanceRef instance, bool assigned);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} removed the record of the missing instance {Instance}")]
    private partial void LogRemoved(string userId, InstanceRef instance);

}
