using System.Collections.Immutable;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Administration;

/// <summary>One user's instance as administrators see it: the owner's view plus the cluster details behind it.</summary>
public sealed record AdminInstance
{
    public required Instance Instance { get; init; }

    public required string TemplateDisplayName { get; init; }

    /// <summary>The node the pod runs on, when the cluster says so.</summary>
    public string? Node { get; init; }

    /// <summary>The instance's data volumes (PVC names) that exist.</summary>
    public ImmutableArray<string> Volumes { get; init; } = [];

    /// <summary>Recent Kubernetes events about the instance's pod and GameServer, newest last.</summary>
    public ImmutableArray<EventObservation> Events { get; init; } = [];

    public InstanceRef Ref => Instance.Ref;

    public string Owner => Instance.Owner;

    public InstanceState State => Instance.State;
}
