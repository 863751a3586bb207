namespace AigcGateway.Core.Diagnostics;

/// <summary>A status condition (pod or GameServer): type, <c>True</c>/<c>False</c>/<c>Unknown</c>, reason and message.</summary>
public sealed record ConditionObservation(string Type, string Status, string? Reason = null, string? Message = null)
{
    public bool IsFalse => string.Equals(Status, "False", StringComparison.OrdinalIgnoreCase);
}
