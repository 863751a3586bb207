using System.Collections.Immutable;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>Who and what a template deletion affects: the recorded instances with their owners, and the data volumes that exist.</summary>
public sealed record TemplateImpact(
    TemplateRef Template,
    ImmutableSortedDictionary<int, string> Owners,
    ImmutableArray<string> Volumes)
{
    public ImmutableArray<InstanceRef> Instances => [.. Owners.Keys.Select(id => new InstanceRef(Template, id))];

    public ImmutableArray<string> Users => [.. Owners.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
