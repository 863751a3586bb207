namespace AigcGateway.Core.Diagnostics;

/// <summary>A core/v1 Event about an instance's pod (kept raw for administrators).</summary>
public sealed record EventObservation(
    string ObjectKind,
    string ObjectName,
    string Type,
    string Reason,
    string Message,
    DateTimeOffset? Time,
    int Count = 1)
{
    public bool IsWarning => string.Equals(Type, "Warning", StringComparison.Ordinal);
}
