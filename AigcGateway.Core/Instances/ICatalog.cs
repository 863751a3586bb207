using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>Read access to the cached cluster state (catalog, ownership) for pages, forward auth and admin views.</summary>
public interface ICatalog
{
    bool IsReady { get; }

    /// <summary>The current immutable snapshot; reading it makes no API call.</summary>
    ClusterSnapshot Snapshot { get; }

    ImmutableArray<Template> Templates { get; }

    Template? Find(TemplateRef template);
}
