using AigcGateway.Core.Instances;
using AigcGateway.Core.Users;

namespace AigcGateway.Core.Administration;

/// <summary>
/// The administration page for the move from the earlier gateway: the Logto entries adoption left to an administrator
/// (conflicts), the decisions on them, and the state of the Logto mirror. Callers must have checked that the actor is an
/// administrator; every decision is audited.
/// </summary>
public interface IMigrationAdministration
{
    /// <summary>Logto is configured: conflicts can be read and resolved.</summary>
    bool IsAvailable { get; }

    /// <summary>Reads every Logto user and plans adoption against the current records (writes nothing).</summary>
    Task<MigrationReview> ReviewAsync(CancellationToken cancellationToken);

    MirrorStatus Status();

    /// <summary>
    /// Gives the claim's instance to the claim's user (writes the ownership record), and clears the Logto entries of the
    /// other claims on that instance in <paramref name="review"/> and the user's other entries for the template.
    /// </summary>
    Task<MigrationActionOutcome> GiveAsync(string actor, MigrationReview review, AdoptionConflict claim, CancellationToken cancellationToken);

    /// <summary>Clears the claim's Logto entry (the user's customData key); the ownership record is not touched.</summary>
    Task<MigrationActionOutcome> DropClaimAsync(string actor, AdoptionConflict claim, CancellationToken cancellationToken);

    /// <summary>Removes the record of a missing instance on behalf of its owner (nothing else changes).</summary>
    Task<OperationResult> RemoveRecordAsync(string actor, InstanceRef instance, CancellationToken cancellationToken);
}
