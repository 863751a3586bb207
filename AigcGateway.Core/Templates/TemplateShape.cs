using System.Collections.Immutable;

namespace AigcGateway.Core.Templates;

/// <summary>The facts about a GameServerSet that conformance is checked against (independent of the Kubernetes model).</summary>
public sealed record TemplateShape(
    string? ScaleDownStrategyType,
    string? PvcRetentionWhenScaled,
    int VolumeClaimTemplateCount,
    TemplateNetwork Network,
    ImmutableArray<string> ReserveIdProblems,
    ImmutableArray<string> OwnershipProblems);
