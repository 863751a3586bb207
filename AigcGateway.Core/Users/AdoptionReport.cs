using System.Collections.Immutable;

namespace AigcGateway.Core.Users;

/// <summary>The result of one adoption pass. <see cref="Error"/> is set when the pass could not run (cache not ready, Logto failing).</summary>
public sealed record AdoptionReport(string? Error, ImmutableArray<AdoptAction> Adopted, ImmutableArray<AdoptionConflict> Conflicts)
{
    public bool Completed => Error is null;

    /// <summary>When the pass ended (null: it has not run).</summary>
    public DateTimeOffset? Finished { get; init; }
}
