using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>What one user sees: the catalog and only their own instances.</summary>
public sealed record UserDashboard(long Version, bool IsReady, ImmutableArray<Template> Templates, ImmutableArray<Instance> Instances)
{
    /// <summary>Since when the gateway cannot reach the cluster (what is shown is the last known state); null while it can.</summary>
    public DateTimeOffset? ClusterUnreachableSince { get; init; }

    public Instance? InstanceOf(TemplateRef template) => Instances.FirstOrDefault(i => i.Ref.Template == template);

    /// <summary>Same content as <paramref name="other"/> (ignores <see cref="Version"/>).</summary>
    public bool SameAs(UserDashboard? other) =>
        other is not null && IsReady == other.IsReady && ClusterUnreachableSince == other.ClusterUnreachableSince
        && Templates.SequenceEqual(other.Templates) && Instances.SequenceEqual(other.Instances);
}
