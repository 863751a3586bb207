using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Kubernetes;

/// <summary>Backoff of the watch loops after an error or a dropped stream, and what templates are checked against.</summary>
internal sealed record ClusterCacheOptions
{
    public ConformanceRules Conformance { get; init; } = ConformanceRules.Unknown;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Warning events kept per instance (newest first).</summary>
    public int EventsPerInstance { get; init; } = 10;
}
