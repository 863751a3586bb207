using System.Collections.Immutable;

namespace AigcGateway.Core.Templates;

/// <summary>A template in the catalog: a GameServerSet with its display metadata and conformance findings.</summary>
public sealed record Template
{
    public required TemplateRef Ref { get; init; }

    public required string DisplayName { get; init; }

    public string? Description { get; init; }

    public string? Icon { get; init; }

    public string? GpuType { get; init; }

    public required ResourceSummary Resources { get; init; }

    public required TemplateNetwork Network { get; init; }

    /// <summary>Pause an instance after this much inactivity; null = never.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>The longest a user may postpone the idle pause (<c>aigc-gateway.io/max-keep-running</c>); null = the default, 8 h.</summary>
    public TimeSpan? MaxKeepRunning { get; init; }

    /// <summary>GPU (or CPU, as a share of one core) use above this percentage counts as activity (<c>aigc-gateway.io/busy-gpu-percent</c>); null = 10.</summary>
    public double? BusyGpuPercent { get; init; }

    public ImmutableArray<ConformanceProblem> Problems { get; init; } = [];

    /// <summary>Names of the volume claim templates; the PVCs of id N are <c>&lt;name&gt;-&lt;gss&gt;-N</c>.</summary>
    public ImmutableArray<string> DataVolumeNames { get; init; } = [];

    public string NetworkType => Network.Type;

    /// <summary>Forward auth can protect this template's instances (Kubernetes-Ingress only).</summary>
    public bool CanBeProtected => Network.CanBeProtected;

    /// <summary>Its instances are protected by this gateway: an Ingress whose annotations ask this gateway, bound and unambiguous.</summary>
    public bool IsProtected => CanBeProtected && !Problems.Any(p => p.Severity == ConformanceSeverity.Error && ConformanceChecker.IsAboutProtection(p.Code));

    /// <summary>Value equality, including the lists (so an unchanged template re-read from the cluster is equal).</summary>
    public bool Equals(Template? other) =>
        other is not null
        && Ref == other.Ref
        && DisplayName == other.DisplayName
        && Description == other.Description
        && Icon == other.Icon
        && GpuType == other.GpuType
        && Resources == other.Resources
        && Network == other.Network
        && IdleTimeout == other.IdleTimeout
        && MaxKeepRunning == other.MaxKeepRunning
        && BusyGpuPercent == other.BusyGpuPercent
        && Problems.AsSpan().SequenceEqual(other.Problems.AsSpan())
        && DataVolumeNames.AsSpan().SequenceEqual(other.DataVolumeNames.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Ref, DisplayName, Resources, Network);

    public bool IsInstallable => !Problems.Any(p => p.Severity == ConformanceSeverity.Error);
}
