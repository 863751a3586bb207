namespace AigcGateway.Core.Storage.Audit;

/// <summary>
/// The audit store at one moment: <see cref="Available"/> false since <see cref="UnavailableSince"/> when the database
/// could not be reached or migrated (<see cref="Problem"/> says why); <see cref="Waiting"/> entries are held in memory,
/// <see cref="Dropped"/> were lost because that buffer was full.
/// </summary>
public sealed record AuditStoreState(bool Available, DateTimeOffset? UnavailableSince, string? Problem, int Waiting, long Dropped)
{
    /// <summary>Before the first connection: nothing known to be wrong yet.</summary>
    public static AuditStoreState Starting { get; } = new(true, null, null, 0, 0);
}
