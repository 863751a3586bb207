using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Read access to the cached cluster state (catalog, ownership) for pages, forward auth and admin views. Whether the
/// cache has listed the cluster once is a property of the state itself (<see cref="ClusterSnapshot.IsReady"/>, what
/// <c>/readyz</c> reports), so there is no separate readiness to keep in step.
/// </summary>
public interface ICatalog
{
    /// <summary>The current immutable snapshot; reading it makes no API call.</summary>
    ClusterSnapshot Snapshot { get; }

    ImmutableArray<Template> Templates { get; }

    Template? Find(TemplateRef template);
}
