using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>What is wrong with a manifest an administrator wrote: rule errors (kind, name, namespace) and conformance findings.</summary>
public sealed record ManifestReview(ImmutableArray<string> Errors, ImmutableArray<ConformanceProblem> Problems)
{
    /// <summary>Nothing blocks creating it (conformance warnings are allowed).</summary>
    public bool CanApply => Errors.IsEmpty && !Problems.Any(p => p.Severity == ConformanceSeverity.Error);

    /// <summary>Every blocking message, for a failed write.</summary>
    public ImmutableArray<string> Blocking =>
        [.. Errors, .. Problems.Where(p => p.Severity == ConformanceSeverity.Error).Select(p => p.Message)];
}
