using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.RegularExpressions;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Kubernetes;
using AigcGateway.Core.Templates;
using AigcGateway.Emulators.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace AigcGateway.Bench;

/// <summary>
/// 2. The cache's snapshot with 200 templates and 5,000 instances. The objects are real: the GameServerSet, GameServers,
/// pods, events and PVCs of 25 instances the emulator simulated (benchmark 1), read over HTTP once and cloned under 200
/// template names. They are served from memory, so the timings are the cache's mapping and snapshot build only.
/// </summary>
internal static partial class SnapshotBenchmark
{
    private const int Templates = 200;
    private const int PerTemplate = 25;
    private const int IncrementalEvents = 200;
    private const int Projections = 1_000;
    private const int Builds = 5;
    private const string Name = "2. snapshot, 200 x 25";

    public static async Task RunAsync(KubernetesEmulator emulator, Report report, CancellationToken ct)
    {
        var api = new InMemoryKubernetesApi();
        await FillAsync(api, emulator, ct);
        var counts = string.Join(", ", api.Lists.OrderBy(l => l.Key).Select(l => $"{l.Value.Count} {l.Key}"));
        Console.WriteLine($"  cluster: {counts}");

        // once to compile the code paths, then measured
        var warmUp = new Holder();
        await BuildAsync(api, warmUp, ct);
        await warmUp.StopAsync();
        warmUp = null;

        // measured several times (median reported): the machine is shared, and the process's other threads allocate too
        var builds = new List<double>(Builds);
        var allocations = new List<double>(Builds);
        var holder = new Holder();
        for (var run = 0; run < Builds; run++)
        {
            if (run > 0)
            {
                await holder.StopAsync();
                holder = new Holder();
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            await BuildAsync(api, holder, ct);
            builds.Add(clock.Elapsed.TotalMilliseconds);
            allocations.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
        }

        var snapshot = holder.Hub!.Current;
        var instances = snapshot.Templates.Values.Sum(t => t.Owners.Count);
        var servers = snapshot.GameServers.Values.Sum(g => g.Count);

        // one GameServer change at this size: watch event -> new snapshot
        var gameServers = api.Lists[WatchedKind.GameServers].Cast<GameServer>().ToArray();
        var updates = new List<double>(IncrementalEvents);
        for (var i = 0; i < IncrementalEvents; i++)
        {
            var version = holder.Hub.Current.Version;
            var start = Stopwatch.GetTimestamp();
            api.Push(WatchedKind.GameServers, new KubeEvent<GameServer>(WatchEventType.Modified, gameServers[(i * 37) % gameServers.Length], "2"));
            await holder.Hub.WaitForAsync(s => s.Version > version, TimeSpan.FromSeconds(5), TimeProvider.System, ct);
            updates.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        // the dashboard feed's projection for one user, at this size
        var projection = Stopwatch.StartNew();
        var shown = 0;
        for (var i = 0; i < Projections; i++)
        {
            var user = UserOf(i % Templates, i % PerTemplate);
            shown += DashboardProjector.Project(snapshot, ImmutableDictionary<InstanceRef, PendingMarker>.Empty, user, DateTimeOffset.UtcNow, forceHttps: false).Instances.Length;
        }

        var perProjection = projection.Elapsed.TotalMicroseconds / Projections;

        // managed memory the snapshot keeps alive: with it and without it, the listed objects released in both cases
        await holder.StopAsync();
        // the stop may complete inline on a watch loop's thread; continue on a fresh stack, so no frame of the cache
        // stays below this code (a live frame would keep the snapshot reachable)
        await Task.Yield();
        api.Reset();
        gameServers = null;
        snapshot = null;
        var retained = RetainedBy(holder);

        report.Add(new Figure(Name, "templates / owned instances / GameServers", $"{Templates} / {instances} / {servers}", "200 / 5000 / 5000", instances == Templates * PerTemplate && servers == Templates * PerTemplate));
        report.Add(new Figure(Name, $"build from full lists to ready (median of {Builds}; min-max)", $"{Measure.Ms(Measure.Percentile(builds, 0.5))} ({Measure.Ms(builds.Min())}-{Measure.Ms(builds.Max())})"));
        report.Add(new Figure(Name, $"allocated while building (median of {Builds})", Measure.MiB((long)Measure.Percentile(allocations, 0.5))));
        report.Add(new Figure(Name, "managed memory kept by the snapshot", Measure.MiB(retained)));
        report.Add(new Figure(Name, "one watch event -> new snapshot (p50 / p99)", $"{Measure.Us(Measure.Percentile(updates, 0.5))} / {Measure.Us(Measure.Percentile(updates, 0.99))}"));
        report.Add(new Figure(Name, "one user's dashboard projection (mean)", $"{Measure.Us(perProjection)} ({shown / Projections} instance each)"));
    }

    /// <summary>
    /// Managed memory kept alive by the holder's snapshot (full collections with it and without it). Not inlined: no
    /// reference to the snapshot may linger in the caller's frame.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long RetainedBy(Holder holder)
    {
        var with = GC.GetTotalMemory(forceFullCollection: true);
        holder.Hub = null;
        var without = GC.GetTotalMemory(forceFullCollection: true);
        return with - without;
    }

    private static async Task BuildAsync(InMemoryKubernetesApi api, Holder holder, CancellationToken ct)
    {
        holder.Hub = new SnapshotHub();
        holder.Cache = new ClusterCache(api, holder.Hub, CatalogFilter.All, new ClusterCacheOptions(), TimeProvider.System, NullLogger<ClusterCache>.Instance);
        await holder.Cache.StartAsync(ct);
        if (!await holder.Hub.WaitForAsync(s => s.IsReady, TimeSpan.FromSeconds(60), TimeProvider.System, ct))
        {
            throw new TimeoutException("the cache did not become ready from in-memory lists within 60 s");
        }
    }

    private static string TemplateName(int k) => $"bench-{k:D3}";

    private static string UserOf(int template, int id) => $"snapshot-user-{template:D3}-{id:D2}";

    /// <summary>Reads the objects of one simulated template's first 25 instances and clones them under 200 names.</summary>
    private static async Task FillAsync(InMemoryKubernetesApi api, KubernetesEmulator emulator, CancellationToken ct)
    {
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = emulator.BaseAddress.ToString() });
        var reader = new KubernetesClientApi(client);
        var ns = InstallBenchmark.Template.Namespace;
        var source = InstallBenchmark.Template.Name;
        var sets = await reader.ListAsync<GameServerSet>(WatchedKind.GameServerSets, ns, null, ct);
        var servers = await reader.ListAsync<GameServer>(WatchedKind.GameServers, ns, null, ct);
        var pods = await reader.ListAsync<V1Pod>(WatchedKind.Pods, ns, GameServer.OwnerLabel, ct);
        var events = await reader.ListAsync<Corev1Event>(WatchedKind.Events, ns, null, ct);
        var volumes = await reader.ListAsync<V1PersistentVolumeClaim>(WatchedKind.Volumes, ns, null, ct);

        var set = sets.Items.Single(s => s.Metadata.Name == source);
        api.Lists[WatchedKind.GameServerSets] = Clone([set], _ => true, (gss, k) =>
        {
            gss.Spec.Replicas = PerTemplate;
            gss.Spec.ReserveGameServerIds = [];
            gss.Metadata.Annotations[TemplateAnnotations.Owners] =
                OwnershipRecord.Format(Enumerable.Range(0, PerTemplate).Select(id => KeyValuePair.Create(id, UserOf(k, id))));
        });
        api.Lists[WatchedKind.GameServers] = Clone(servers.Items, s => InstanceId(s.Metadata.Name, source) is { } id && id < PerTemplate);
        api.Lists[WatchedKind.Pods] = Clone(pods.Items, p => InstanceId(p.Metadata.Name, source) is { } id && id < PerTemplate);
        api.Lists[WatchedKind.Events] = Clone(events.Items, e => InstanceId(e.InvolvedObject?.Name, source) is { } id && id < PerTemplate);
        api.Lists[WatchedKind.Volumes] = Clone(volumes.Items, v => InstanceId(v.Metadata.Name, source) is { } id && id < PerTemplate);
    }

    private static List<object> Clone<T>(IEnumerable<T> items, Func<T, bool> keep, Action<T, int>? change = null)
        where T : class
    {
        var source = InstallBenchmark.Template.Name;
        var json = items.Where(keep).Select(i => KubernetesJson.Serialize(i)).ToList();
        var clones = new List<object>(json.Count * Templates);
        for (var k = 0; k < Templates; k++)
        {
            foreach (var text in json)
            {
                var clone = KubernetesJson.Deserialize<T>(text.Replace(source, TemplateName(k), StringComparison.Ordinal));
                change?.Invoke(clone, k);
                clones.Add(clone);
            }
        }

        return clones;
    }

    /// <summary>The id in <c>[prefix-]sd-gpu-&lt;id&gt;</c>.</summary>
    private static int? InstanceId(string? name, string template)
    {
        if (name is null)
        {
            return null;
        }

        var match = IdPattern().Match(name);
        return match.Success && match.Groups["template"].Value.EndsWith(template, StringComparison.Ordinal)
            ? int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    [GeneratedRegex(@"^(?<template>.*)-(?<id>\d+)$")]
    private static partial Regex IdPattern();

    /// <summary>Keeps the hub and cache reachable only from here, so that dropping them frees the snapshot.</summary>
    private sealed class Holder
    {
        public SnapshotHub? Hub { get; set; }

        public ClusterCache? Cache { get; set; }

        public async Task StopAsync()
        {
            if (Cache is not null)
            {
                await Cache.StopAsync(CancellationToken.None);
                Cache.Dispose();
                Cache = null;
            }
        }
    }
}
