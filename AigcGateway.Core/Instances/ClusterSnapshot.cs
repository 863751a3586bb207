using System.Collections.Immutable;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Everything the gateway knows about the cluster at one moment, built by the watch-fed cache. Immutable: readers
/// (pages, forward auth, ownership questions) use it without locks and without API calls.
/// </summary>
public sealed record ClusterSnapshot
{
    public static ClusterSnapshot Empty { get; } = new();

    /// <summary>False until the first full list of every watched resource has completed.</summary>
    public bool IsReady { get; init; }

    /// <summary>
    /// Since when the gateway has not been able to reach the Kubernetes API (a watch failed twice in a row for want of
    /// a connection or with a server error); null while every watch is connected. The snapshot is then the last one
    /// known: readers keep serving it and say it may be out of date.
    /// </summary>
    public DateTimeOffset? UnreachableSince { get; init; }

    /// <summary>Increases with every change.</summary>
    public long Version { get; init; }

    /// <summary>Templates in the catalog (GameServerSets matching the catalog filter).</summary>
    public ImmutableDictionary<TemplateRef, TemplateState> Templates { get; init; } = ImmutableDictionary<TemplateRef, TemplateState>.Empty;

    public ImmutableDictionary<TemplateRef, ImmutableDictionary<int, GameServerObservation>> GameServers { get; init; } =
        ImmutableDictionary<TemplateRef, ImmutableDictionary<int, GameServerObservation>>.Empty;

    public ImmutableDictionary<InstanceRef, PodObservation> Pods { get; init; } = ImmutableDictionary<InstanceRef, PodObservation>.Empty;

    /// <summary>Recent events about each instance's pod or GameServer.</summary>
    public ImmutableDictionary<InstanceRef, ImmutableArray<EventObservation>> Events { get; init; } =
        ImmutableDictionary<InstanceRef, ImmutableArray<EventObservation>>.Empty;

    /// <summary>Existing PVCs as <c>namespace/name</c>.</summary>
    public ImmutableHashSet<string> Volumes { get; init; } = ImmutableHashSet<string>.Empty;

    public ImmutableArray<int> GameServerIds(TemplateRef template) =>
        GameServers.TryGetValue(template, out var byId) ? [.. byId.Keys] : [];

    public GameServerObservation? GameServer(InstanceRef instance) =>
        GameServers.TryGetValue(instance.Template, out var byId) && byId.TryGetValue(instance.Id, out var gs) ? gs : null;

    /// <summary>The owner of an instance according to the ownership record; null when unowned or unknown.</summary>
    public string? OwnerOf(InstanceRef instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Templates.TryGetValue(instance.Template, out var t) && t.Owners.TryGetValue(instance.Id, out var owner) ? owner : null;
    }

    public bool HasDataVolume(TemplateState template, int id)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.DataVolumesOf(id).Any(v => Volumes.Contains($"{template.Ref.Namespace}/{v}"));
    }
}
