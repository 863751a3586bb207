using System.Collections.Immutable;

namespace AigcGateway.Core.Templates;

/// <summary>A template's display annotations as the catalog shows them, and a warning for each that had to change.</summary>
public sealed record DisplayAnnotations(
    string? DisplayName,
    string? Description,
    string? Icon,
    string? GpuType,
    ImmutableArray<ConformanceProblem> Problems);
