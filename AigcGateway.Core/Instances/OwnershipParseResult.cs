using System.Collections.Immutable;

namespace AigcGateway.Core.Instances;

/// <summary>The valid owner entries of the ownership annotation and a description of each malformed part.</summary>
public sealed record OwnershipParseResult(ImmutableSortedDictionary<int, string> Owners, ImmutableArray<string> Problems)
{
    public bool IsValid => Problems.IsEmpty;
}
