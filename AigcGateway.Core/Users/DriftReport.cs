using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>
/// The result of one drift-repair pass. <see cref="Deferred"/> lists templates left for the next pass because the
/// ownership snapshot did not yet show the gateway's own latest write to them.
/// </summary>
public sealed record DriftReport(string? Error, int UsersChecked, ImmutableArray<MirrorDrift> Drift)
{
    public bool Completed => Error is null;

    public ImmutableArray<TemplateRef> Deferred { get; init; } = [];

    /// <summary>When the pass ended.</summary>
    public DateTimeOffset? Finished { get; init; }
}
