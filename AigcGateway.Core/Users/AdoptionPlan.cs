using System.Collections.Immutable;

namespace AigcGateway.Core.Users;

/// <summary>What adoption will write, and what it leaves to administrators.</summary>
public sealed record AdoptionPlan(ImmutableArray<AdoptAction> Adoptions, ImmutableArray<AdoptionConflict> Conflicts)
{
    public static AdoptionPlan Empty { get; } = new([], []);
}
