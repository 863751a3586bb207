using System.Collections.Immutable;

namespace AigcGateway.Core.Diagnostics;

/// <summary>The part of a pod (or of a GameServer's copy of its status) that diagnostics read.</summary>
public sealed record PodObservation(
    string? Phase,
    ImmutableArray<ContainerObservation> Containers,
    ImmutableArray<ConditionObservation> Conditions,
    DateTimeOffset? StartTime = null,
    DateTimeOffset? DeletionTimestamp = null)
{
    public static PodObservation Empty { get; } = new(null, [], []);
}
