using System.Collections.Immutable;
using AigcGateway.Core.Users;

namespace AigcGateway.Core.Administration;

/// <summary>
/// The Logto mirror as the administration page shows it: writes this replica queued after a failure, entries marked
/// on templates for a re-write (by any replica), and the last adoption and drift passes (run by the replica holding
/// the lease; on other replicas they have not run).
/// </summary>
public sealed record MirrorStatus(
    ImmutableArray<PendingMirrorWrite> Queued,
    int MarkedEntries,
    DateTimeOffset? OldestMark,
    AdoptionReport? LastAdoption,
    DriftReport? LastDrift)
{
    public static MirrorStatus None { get; } = new([], 0, null, null, null);

    /// <summary>The error of the most recently queued write.</summary>
    public string? LastError => Queued.IsDefaultOrEmpty ? null : Queued.MaxBy(q => q.Sequence)?.LastError;
}
