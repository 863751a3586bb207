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

    /// <summary>Value equality, including the raw events.</summary>
    public bool Equals(InstanceDiagnostic? other) =>
        other is not null
        && Reason == other.Reason
        && Detail == other.Detail
        && ExitCode == other.ExitCode
        && Elapsed == other.Elapsed
        && RawEvents.AsSpan().SequenceEqual(other.RawEvents.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Reason, Detail, ExitCode, Elapsed);
}
