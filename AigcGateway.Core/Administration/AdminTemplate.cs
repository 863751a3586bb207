using System.Collections.Immutable;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Administration;

/// <summary>A template as administrators see it: its conformance, scale and who uses it.</summary>
public sealed record AdminTemplate
{
    public required Template Template { get; init; }

    /// <summary><c>spec.replicas</c>: instances that should be running.</summary>
    public int Replicas { get; init; }

    /// <summary>GameServers that are running (ready, network ready).</summary>
    public int Ready { get; init; }

    public int OwnerCount { get; init; }

    public ImmutableDictionary<InstanceState, int> InstancesByState { get; init; } = ImmutableDictionary<InstanceState, int>.Empty;

    /// <summary>Set when a deletion started and did not finish (resume it); null otherwise.</summary>
    public TemplateDeletionMode? InterruptedDeletion { get; init; }

    public TemplateRef Ref => Template.Ref;

    /// <summary>No conformance problem at all (errors block installs; warnings do not).</summary>
    public bool IsConformant => Template.Problems.IsEmpty;
}
