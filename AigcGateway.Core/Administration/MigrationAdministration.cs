using System.Globalization;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Logto;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;

namespace AigcGateway.Core.Administration;

/// <summary><see cref="IMigrationAdministration"/> over the mirror reconciler, the ownership adopter and Logto; every decision audited.</summary>
internal sealed class MigrationAdministration(
    UserMirrorReconciler? reconciler,
    ILogtoUsers? logto,
    MirrorWriteQueue? queue,
    IOwnershipAdopter adopter,
    InstanceService instances,
    SnapshotHub hub,
    AuditTrail audit) : IMigrationAdministration
{
    public bool IsAvailable => reconciler is not null && logto is not null;

    public Task<MigrationReview> ReviewAsync(CancellationToken cancellationToken) =>
        reconciler is null
            ? Task.FromResult(new MigrationReview("Logto is not configured", [], [], DateTimeOffset.UtcNow))
            : reconciler.ReviewAsync(cancellationToken);

    public MirrorStatus Status()
    {
        var marks = hub.Current.Templates.Values.SelectMany(t => t.MirrorMarks.Values).ToList();
        var oldest = marks
            .Select(m => DateTimeOffset.TryParse(m, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var since) ? since : (DateTimeOffset?)null)
            .Min();
        return new MirrorStatus(queue?.Pending ?? [], marks.Count, oldest, reconciler?.LastAdoption, reconciler?.LastDrift);
    }

    public async Task<MigrationActionOutcome> GiveAsync(string actor, MigrationReview review, AdoptionConflict claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(claim);
        if (!IsAvailable || claim.Instance is not { } instance)
        {
            return MigrationActionOutcome.NotAvailable;
        }

        var written = await adopter.AssignAsync(instance, claim.UserId, cancellationToken).ConfigureAwait(false);
        var outcome = written.Result switch
        {
            AdoptionResult.Adopted or AdoptionResult.AlreadyOwned => MigrationActionOutcome.Done,
            AdoptionResult.Missing => MigrationActionOutcome.InstanceMissing,
            AdoptionResult.UserOwnsOtherInstance => MigrationActionOutcome.UserOwnsOtherInstance,
            AdoptionResult.TemplateGone => MigrationActionOutcome.TemplateGone,
            _ => MigrationActionOutcome.ClusterFailed,
        };
        if (outcome == MigrationActionOutcome.Done)
        {
            // the other claims on this instance, and the user's own entries for the template under other keys
            var canonical = CustomDataEntryCodec.KeyFor(instance.Template);
            var stale = review.Conflicts.Where(c => c.Instance is { } other && other.Template == instance.Template
                && (c.UserId != claim.UserId ? other == instance : c.Key != canonical));
            foreach (var other in stale.DistinctBy(c => (c.UserId, c.Key)))
            {
                if (!await ClearAsync(other, cancellationToken).ConfigureAwait(false))
                {
                    outcome = MigrationActionOutcome.LogtoFailed;
                }
            }
        }

        await audit.RecordAsync(actor, "gave", instance.Template, $"{instance} to user {claim.UserId} (migration conflict: {claim.Kind})",
            outcome == MigrationActionOutcome.Done, outcome == MigrationActionOutcome.Done ? null : outcome.ToString(), cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    public async Task<MigrationActionOutcome> DropClaimAsync(string actor, AdoptionConflict claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (!IsAvailable)
        {
            return MigrationActionOutcome.NotAvailable;
        }

        var outcome = await ClearAsync(claim, cancellationToken).ConfigureAwait(false) ? MigrationActionOutcome.Done : MigrationActionOutcome.LogtoFailed;
        var template = claim.Instance?.Template ?? new TemplateRef("-", claim.Key);
        await audit.RecordAsync(actor, "dropped the Logto claim of user " + claim.UserId + " on", template,
            claim.Instance?.ToString() ?? claim.Key, outcome == MigrationActionOutcome.Done, claim.Kind.ToString(), cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    public async Task<OperationResult> RemoveRecordAsync(string actor, InstanceRef instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var owner = hub.Current.OwnerOf(instance);
        var result = await instances.AdminRemoveAsync(instance, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(actor, "removed the record of", instance.Template, owner is null ? instance.ToString() : $"{instance} of user {owner}",
            result.Succeeded, result.Error?.ToString(), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Writes null for the claim's key (as the earlier gateway did at uninstall); a user Logto no longer has needs nothing.</summary>
    private async Task<bool> ClearAsync(AdoptionConflict claim, CancellationToken cancellationToken)
    {
        using (queue is null ? null : await queue.WriteLockAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = await logto!.PatchCustomDataAsync(claim.UserId, claim.Key, null, cancellationToken).ConfigureAwait(false);
            return result.IsOk || result.Outcome == LogtoOutcome.NotFound;
        }
    }
}
