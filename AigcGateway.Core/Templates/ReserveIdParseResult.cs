using System.Collections.Immutable;

namespace AigcGateway.Core.Templates;

/// <summary>The valid reserved ids and a description of every item that was rejected.</summary>
public sealed record ReserveIdParseResult(ReserveIdSet Ids, ImmutableArray<string> Problems)
{
    public bool IsValid => Problems.IsEmpty;
}
