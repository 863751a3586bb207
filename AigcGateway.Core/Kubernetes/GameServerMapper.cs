using System.Globalization;
using System.Text.Json;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using k8s.Models;

namespace AigcGateway.Core.Kubernetes;

/// <summary>Pure mapping from GameServers, pods, events and PVCs to the domain's observations.</summary>
internal static class GameServerMapper
{
    /// <summary>The id of <c>&lt;gss&gt;-&lt;id&gt;</c>, or null when the name does not end in an id.</summary>
    public static int? IdOf(string? name)
    {
        var dash = name?.LastIndexOf('-') ?? -1;
        return dash > 0 && int.TryParse(name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>The template a GameServer belongs to: its owner label, else the name before the id.</summary>
    public static TemplateRef? TemplateOf(GameServer gs)
    {
        ArgumentNullException.ThrowIfNull(gs);
        var name = gs.Metadata.Name;
        if (IdOf(name) is null)
        {
            return null;
        }

        var owner = gs.Metadata.Labels is not null && gs.Metadata.Labels.TryGetValue(GameServer.OwnerLabel, out var label)
            ? label
            : name[..name.LastIndexOf('-')];
        return new TemplateRef(gs.Metadata.NamespaceProperty ?? "default", owner);
    }

    public static GameServerObservation? ToObservation(GameServer gs)
    {
        ArgumentNullException.ThrowIfNull(gs);
        if (IdOf(gs.Metadata.Name) is not { } id)
        {
            return null;
        }

        var network = gs.Status?.NetworkStatus;
        var hasNetwork = network is not null && !string.IsNullOrEmpty(network.NetworkType ?? network.CurrentNetworkState);
        return new GameServerObservation
        {
            Id = id,
            Uid = gs.Metadata.Uid,
            CurrentState = gs.Status?.CurrentState,
            OpsState = gs.Spec?.OpsState,
            NetworkState = hasNetwork ? network!.CurrentNetworkState ?? "NotReady" : null,
            ExternalAddresses = [.. (network?.ExternalAddresses ?? []).Select(ToAddress)],
            Conditions = [.. (gs.Status?.Conditions ?? []).Select(c => new ConditionObservation(c.Type ?? string.Empty, c.Status ?? string.Empty, c.Reason, c.Message))],
            PodStatus = gs.Status?.PodStatus is { } podStatus ? ToPod(podStatus, null) : null,
            Created = ToOffset(gs.Metadata.CreationTimestamp),
            Deleting = gs.Metadata.DeletionTimestamp is not null,
            LastActive = IdleAnnotations.Parse(Annotation(gs, IdleAnnotations.LastActive)),
            KeepRunningUntil = IdleAnnotations.Parse(Annotation(gs, IdleAnnotations.KeepRunningUntil)),
        };
    }

    public static PodObservation ToPod(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return ToPod(pod.Status, pod.Metadata?.DeletionTimestamp);
    }

    public static PodObservation ToPod(V1PodStatus? status, DateTime? deletion)
    {
        var containers = (status?.InitContainerStatuses ?? []).Concat(status?.ContainerStatuses ?? []).Select(c => new ContainerObservation(
            c.Name,
            c.Ready,
            c.RestartCount,
            c.State?.Waiting?.Reason,
            c.State?.Waiting?.Message,
            c.State?.Terminated?.Reason ?? c.LastState?.Terminated?.Reason,
            c.State?.Terminated?.ExitCode ?? c.LastState?.Terminated?.ExitCode));
        return new PodObservation(
            status?.Phase,
            [.. containers],
            [.. (status?.Conditions ?? []).Select(c => new ConditionObservation(c.Type, c.Status, c.Reason, c.Message))],
            ToOffset(status?.StartTime),
            ToOffset(deletion));
    }

    public static EventObservation ToEvent(Corev1Event ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var time = ev.LastTimestamp ?? ev.EventTime ?? ev.FirstTimestamp ?? ev.Metadata?.CreationTimestamp;
        return new EventObservation(
            ev.InvolvedObject?.Kind ?? string.Empty,
            ev.InvolvedObject?.Name ?? string.Empty,
            ev.Type ?? "Normal",
            ev.Reason ?? string.Empty,
            ev.Message ?? string.Empty,
            ToOffset(time),
            ev.Count ?? 1);
    }

    private static string? Annotation(GameServer gs, string key) =>
        gs.Metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    private static NetworkAddress ToAddress(GameServerAddress a) => new(
        a.Ip,
        a.EndPoint,
        [.. (a.Ports ?? []).Select(p => new NetworkPort(p.Name, PortNumber(p.Port)))]);

    private static int PortNumber(JsonElement? port) => port switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var v) => v,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
        _ => 0,
    };

    private static DateTimeOffset? ToOffset(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : t.Kind)).ToUniversalTime() : null;
}
