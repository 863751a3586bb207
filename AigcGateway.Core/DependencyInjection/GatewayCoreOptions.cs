using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.DependencyInjection;

/// <summary>Everything <see cref="GatewayCoreServiceCollectionExtensions.AddGatewayCore(Microsoft.Extensions.DependencyInjection.IServiceCollection, GatewayCoreOptions)"/> needs.</summary>
public sealed record GatewayCoreOptions
{
    /// <summary>Configured namespaces and label selector (<c>Gateway:Namespaces</c>, <c>Gateway:TemplateLabels</c>).</summary>
    public CatalogFilter Catalog { get; init; } = CatalogFilter.All;

    /// <summary>The earlier gateway's filter file (<c>Gateway:ConfigFile</c>); merged into <see cref="Catalog"/> when it exists.</summary>
    public string? LegacyConfigFile { get; init; } = LegacyFilterFile.DefaultPath;

    public LifecycleOptions Lifecycle { get; init; } = new();

    /// <summary>What templates are checked against: this gateway's public URL, which their auth annotations must name.</summary>
    public ConformanceRules Conformance { get; init; } = ConformanceRules.Unknown;

    public KubernetesConnection Kubernetes { get; init; } = KubernetesConnection.Default;

    /// <summary>
    /// The gateway's own namespace (default: <c>POD_NAMESPACE</c>, else the service account's): where the Lease that
    /// elects the replica running background work and the ConfigMap of revoked sign-in sessions live.
    /// </summary>
    public string? LeaseNamespace { get; init; }

    public string LeaseName { get; init; } = "aigc-gateway-background";

    /// <summary>
    /// This replica's name in the Lease (default: the pod's host name, the process id and a random part, so two gateways
    /// in one process, or a restarted container with the same process id, are different candidates).
    /// </summary>
    public string Identity { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The catalog filter in force: configuration merged with the legacy file (throws <see cref="FormatException"/> if the file is malformed).</summary>
    public CatalogFilter EffectiveCatalog() =>
        LegacyFilterFile.TryLoad(LegacyConfigFile) is { } legacy ? Catalog.Merge(legacy) : Catalog;
}
