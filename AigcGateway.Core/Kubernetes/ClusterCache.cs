using System.Collections.Immutable;
using AigcGateway.Core.Coordination;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AigcGateway.Core.Kubernetes;

/// <summary>
/// The watch-fed cache: lists, then watches GameServerSets (catalog filter), GameServers, and the pods, Warning events
/// and PVCs of OKG instances, and publishes an immutable <see cref="ClusterSnapshot"/>. 410 Gone -> re-list; a dropped
/// stream -> re-watch from the last resourceVersion after a short pause; a failure -> retry after a bounded backoff
/// with jitter that starts over on every good connection; ready once every first list has completed. Failing watches
/// mark the snapshot unreachable (<see cref="ClusterReachability"/>) while it keeps serving.
/// </summary>
internal sealed partial class ClusterCache(
    IKubernetesApi api,
    SnapshotHub hub,
    CatalogFilter filter,
    ClusterCacheOptions options,
    TimeProvider time,
    ILogger<ClusterCache> logger) : BackgroundService
{
    private const string InstanceSelector = GameServer.OwnerLabel;
    private readonly Lock _readyLock = new();
    private readonly HashSet<string> _listed = [];
    private readonly RetryBackoff _backoff = new(options.InitialBackoff, options.MaxBackoff);
    private readonly ClusterReachability _reachability = new(hub, time);
    private int _loops = int.MaxValue;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var namespaces = filter.AllNamespaces ? [null] : filter.Namespaces.Select(n => (string?)n).ToArray();
        _loops = namespaces.Length * 5;
        var loops = new List<Task>();
        foreach (var ns in namespaces)
        {
            loops.Add(RunAsync<GameServerSet>(WatchedKind.GameServerSets, ns, filter.LabelSelector, ApplyTemplates, stoppingToken));
            // OKG labels GameServers, their pods and (through the StatefulSet's selector) their PVCs with the owner
            // GameServerSet; events are narrowed to pods' warnings by the API adapter's field selector
            loops.Add(RunAsync<GameServer>(WatchedKind.GameServers, ns, InstanceSelector, ApplyGameServers, stoppingToken));
            loops.Add(RunAsync<V1Pod>(WatchedKind.Pods, ns, InstanceSelector, ApplyPods, stoppingToken));
            loops.Add(RunAsync<Corev1Event>(WatchedKind.Events, ns, null, ApplyEvents, stoppingToken));
            loops.Add(RunAsync<V1PersistentVolumeClaim>(WatchedKind.Volumes, ns, InstanceSelector, ApplyVolumes, stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    private async Task RunAsync<T>(
        WatchedKind kind,
        string? ns,
        string? selector,
        Action<string?, IReadOnlyList<T>?, WatchEventType, T?> apply,
        CancellationToken cancellationToken)
        where T : class
    {
        var loop = $"{kind}/{ns ?? "*"}";
        var failures = 0;
        string? version = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    var list = await api.ListAsync<T>(kind, ns, selector, cancellationToken).ConfigureAwait(false);
                    apply(ns, list.Items, WatchEventType.Added, null);
                    version = list.ResourceVersion;
                    failures = 0;
                    _reachability.Connected(loop);
                    MarkListed(kind, ns);
                    LogListed(kind, ns ?? "*", list.Items.Count, version);
                }

                await foreach (var ev in api.WatchAsync<T>(kind, ns, selector, version, cancellationToken).ConfigureAwait(false))
                {
                    if (ev.Connected)
                    {
                        // a good connection starts the backoff over, even on a watch that stays quiet
                        failures = 0;
                        _reachability.Connected(loop);
                        continue;
                    }

                    if (ev.ErrorCode == 410)
                    {
                        LogGone(kind, ns ?? "*", version);
                        version = null;
                        break;
                    }

                    if (ev.ErrorCode is { } code)
                    {
                        throw new ClusterException($"watch {kind} reported error {code}") { StatusCode = code };
                    }

                    failures = 0;
                    if (ev.Object is not null && ev.Type != WatchEventType.Bookmark)
                    {
                        apply(ns, null, ev.Type, ev.Object);
                    }

                    version = ev.ResourceVersion ?? version;
                }

                if (version is null)
                {
                    continue; // re-list at once after 410
                }

                // the server ended the stream (timeout or drop): watch again from the last version after a short pause
                LogStreamEnded(kind, ns ?? "*", version);
                await Task.Delay(_backoff.Delay(1), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ClusterException ex) when (ex.StatusCode == 410)
            {
                LogGone(kind, ns ?? "*", version);
                version = null;
            }
            catch (Exception ex)
            {
                _reachability.Failed(loop, ex);
                var delay = _backoff.Delay(++failures);
                LogWatchFailed(ex, kind, ns ?? "*", delay);
                try
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void MarkListed(WatchedKind kind, string? ns)
    {
        lock (_readyLock)
        {
            if (_listed.Add($"{kind}/{ns}") && _listed.Count == _loops)
            {
                hub.Publish(s => s with { IsReady = true });
                LogReady(_loops);
            }
        }
    }

    /// <summary>
    /// A full list replaces every entry of its namespace scope (the list is the truth there); a watch event changes one
    /// object through <paramref name="apply"/>.
    /// </summary>
    private static ImmutableDictionary<TKey, TValue> Merge<TKey, TValue, TObject>(
        ImmutableDictionary<TKey, TValue> current,
        Func<TKey, string> namespaceOf,
        string? ns,
        IReadOnlyList<TObject>? list,
        WatchEventType type,
        TObject? item,
        Func<ImmutableDictionary<TKey, TValue>, WatchEventType, TObject, ImmutableDictionary<TKey, TValue>> apply)
        where TKey : notnull
        where TObject : class
    {
        if (list is not null)
        {
            current = current.RemoveRange(current.Keys.Where(k => InScope(ns, namespaceOf(k))));
            foreach (var listed in list)
            {
                current = apply(current, WatchEventType.Added, listed);
            }

            return current;
        }

        return item is null ? current : apply(current, type, item);
    }

    private static bool InScope(string? ns, string? objectNamespace) => ns is null || string.Equals(ns, objectNamespace, StringComparison.Ordinal);

    private void ApplyTemplates(string? ns, IReadOnlyList<GameServerSet>? list, WatchEventType type, GameServerSet? gss) =>
        hub.Publish(s => s with { Templates = Merge(s.Templates, k => k.Namespace, ns, list, type, gss, (d, t, o) => Apply(d, t, o)) });

    private ImmutableDictionary<TemplateRef, TemplateState> Apply(ImmutableDictionary<TemplateRef, TemplateState> templates, WatchEventType type, GameServerSet gss)
    {
        var key = GameServerSetMapper.RefOf(gss);
        var labels = gss.Metadata.Labels is null ? null : new Dictionary<string, string>(gss.Metadata.Labels);
        return type == WatchEventType.Deleted || !filter.Matches(key.Namespace, labels)
            ? templates.Remove(key)
            : templates.SetItem(key, GameServerSetMapper.ToState(gss, options.Conformance));
    }

    private void ApplyGameServers(string? ns, IReadOnlyList<GameServer>? list, WatchEventType type, GameServer? gs) =>
        hub.Publish(s => s with { GameServers = Merge(s.GameServers, k => k.Namespace, ns, list, type, gs, (d, t, o) => Apply(d, t, o)) });

    private static ImmutableDictionary<TemplateRef, ImmutableDictionary<int, GameServerObservation>> Apply(
        ImmutableDictionary<TemplateRef, ImmutableDictionary<int, GameServerObservation>> servers,
        WatchEventType type,
        GameServer gs)
    {
        if (GameServerMapper.TemplateOf(gs) is not { } template || GameServerMapper.ToObservation(gs) is not { } observation)
        {
            return servers;
        }

        var byId = servers.GetValueOrDefault(template, ImmutableDictionary<int, GameServerObservation>.Empty);
        byId = type == WatchEventType.Deleted ? byId.Remove(observation.Id) : byId.SetItem(observation.Id, observation);
        return byId.IsEmpty ? servers.Remove(template) : servers.SetItem(template, byId);
    }

    private void ApplyPods(string? ns, IReadOnlyList<V1Pod>? list, WatchEventType type, V1Pod? pod) =>
        hub.Publish(s => s with { Pods = Merge(s.Pods, k => k.Template.Namespace, ns, list, type, pod, (d, t, o) => Apply(d, t, o)) });

    private static ImmutableDictionary<InstanceRef, PodObservation> Apply(ImmutableDictionary<InstanceRef, PodObservation> pods, WatchEventType type, V1Pod pod)
    {
        if (InstanceOf(pod.Metadata?.NamespaceProperty, pod.Metadata?.Name, pod.Metadata?.Labels) is not { } instance)
        {
            return pods;
        }

        return type == WatchEventType.Deleted ? pods.Remove(instance) : pods.SetItem(instance, GameServerMapper.ToPod(pod));
    }

    private void ApplyEvents(string? ns, IReadOnlyList<Corev1Event>? list, WatchEventType type, Corev1Event? ev) =>
        hub.Publish(s => s with { Events = Merge(s.Events, k => k.Template.Namespace, ns, list, type, ev, (d, t, o) => Apply(d, t, o)) });

    private ImmutableDictionary<InstanceRef, ImmutableArray<EventObservation>> Apply(
        ImmutableDictionary<InstanceRef, ImmutableArray<EventObservation>> events,
        WatchEventType type,
        Corev1Event ev)
    {
        if (type == WatchEventType.Deleted
            || !string.Equals(ev.Type, "Warning", StringComparison.Ordinal)
            || ev.InvolvedObject?.Kind is not ("Pod" or "GameServer")
            || InstanceOf(ev.InvolvedObject.NamespaceProperty ?? ev.Metadata?.NamespaceProperty, ev.InvolvedObject.Name, null) is not { } instance)
        {
            return events;
        }

        var observation = GameServerMapper.ToEvent(ev);
        var existing = events.GetValueOrDefault(instance, []);
        var updated = existing
            .Where(e => !(e.Reason == observation.Reason && e.Message == observation.Message))
            .Prepend(observation)
            .OrderByDescending(e => e.Time ?? DateTimeOffset.MinValue)
            .Take(options.EventsPerInstance)
            .ToImmutableArray();
        return events.SetItem(instance, updated);
    }

    private void ApplyVolumes(string? ns, IReadOnlyList<V1PersistentVolumeClaim>? list, WatchEventType type, V1PersistentVolumeClaim? pvc) => hub.Publish(s =>
    {
        var volumes = s.Volumes;
        if (list is not null)
        {
            volumes = volumes.Except(volumes.Where(v => ns is null || v.StartsWith(ns + "/", StringComparison.Ordinal)));
            foreach (var item in list)
            {
                volumes = volumes.Add($"{item.Metadata?.NamespaceProperty}/{item.Metadata?.Name}");
            }
        }
        else if (pvc is not null)
        {
            var key = $"{pvc.Metadata?.NamespaceProperty}/{pvc.Metadata?.Name}";
            volumes = type == WatchEventType.Deleted ? volumes.Remove(key) : volumes.Add(key);
        }

        return s with { Volumes = volumes };
    });

    private static InstanceRef? InstanceOf(string? ns, string? name, IDictionary<string, string>? labels)
    {
        if (name is null || GameServerMapper.IdOf(name) is not { } id)
        {
            return null;
        }

        var template = labels is not null && labels.TryGetValue(GameServer.OwnerLabel, out var owner) ? owner : name[..name.LastIndexOf('-')];
        return new InstanceRef(new TemplateRef(ns ?? "default", template), id);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listed {Kind} in {Namespace}: {Count} items at version {Version}")]
    private partial void LogListed(WatchedKind kind, string @namespace, int count, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster cache ready ({Loops} lists completed)")]
    private partial void LogReady(int loops);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Kind} in {Namespace} expired (410 Gone at {Version}); re-listing")]
    private partial void LogGone(WatchedKind kind, string @namespace, string? version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch of {Kind} in {Namespace} ended; watching again from {Version}")]
    private partial void LogStreamEnded(WatchedKind kind, string @namespace, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Kind} in {Namespace} failed; retrying in {Backoff}")]
    private partial void LogWatchFailed(Exception exception, WatchedKind kind, string @namespace, TimeSpan backoff);
}
