using System.Collections.Immutable;

namespace AigcGateway.Core.Users;

/// <summary>The result of one drift-repair pass.</summary>
public sealed record DriftReport(string? Error, int UsersChecked, ImmutableArray<MirrorDrift> Drift)
{
    public bool Completed => Error is null;
}
