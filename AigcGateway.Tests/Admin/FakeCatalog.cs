using System.Collections.Immutable;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Admin;

/// <summary>A cluster state for page tests: ready and empty unless a test sets another snapshot.</summary>
internal sealed class FakeCatalog : ICatalog
{
    public ClusterSnapshot Snapshot { get; set; } = ClusterSnapshot.Empty with { IsReady = true };

    public ImmutableArray<Template> Templates => [.. Snapshot.Templates.Values.Select(state => state.Template)];

    public Template? Find(TemplateRef template) => Snapshot.Templates.GetValueOrDefault(template)?.Template;
}
