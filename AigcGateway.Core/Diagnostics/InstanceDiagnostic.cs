using System.Collections.Immutable;

namespace AigcGateway.Core.Diagnostics;

/// <summary>One structured reason with its details, and the raw Warning events for administrators.</summary>
public sealed record InstanceDiagnostic(
    DiagnosticReason Reason,
    string? Detail = null,
    int? ExitCode = null,
    TimeSpan? Elapsed = null)
{
    public ImmutableArray<EventObservation> RawEvents { get; init; } = [];
}
