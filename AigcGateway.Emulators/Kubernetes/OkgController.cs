using System.Globalization;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// The OpenKruiseGame controller, kubelet and scheduler, simulated. Reconciles after every write (event-driven) and
/// runs timed pod transitions from a queue; all work happens under the store lock, so every pass is atomic.
/// </summary>
internal sealed class OkgController : IAsyncDisposable
{
    public const string OwnerLabel = "game.kruise.io/owner-gss";
    public const string ReserveAnnotation = "game.kruise.io/reserve-ids";
    private const string NodeName = "emulator-node-1";
    private const string NodeIp = OkgNetwork.NodeIp;
    private const string NodePortAnnotation = OkgNetwork.NodePortAnnotation;
    private const string RevisionLabel = "controller-revision-hash";
    private const string ShapeAnnotation = "emulator.aigc-gateway.io/template-shape";
    private const string UpdatingAnnotation = "emulator.aigc-gateway.io/updating";

    private readonly ObjectStore _store;
    private readonly KubernetesEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly HashSet<(string Namespace, string Name)> _dirty = [];
    private readonly PriorityQueue<Action, (DateTimeOffset Due, long Sequence)> _timers = new();
    private readonly Dictionary<string, SortedSet<int>> _ordinals = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Gss), PodFault> _faults = [];
    private readonly List<(bool Settled, TaskCompletionSource Done)> _waiters = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _timer;
    private readonly Task _loop;
    private bool _signalPending;
    private bool _protectionDue;
    private long _sequence;
    private int _podCounter;
    private int _eventCounter;
    private int _ipCounter;

    public OkgController(ObjectStore store, KubernetesEmulatorOptions options)
    {
        _store = store;
        _options = options;
        _time = options.TimeProvider;
        _timer = _time.CreateTimer(_ => Signal(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        store.Changed = OnChanged;
        store.Terminating = OnTerminating;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>The last exception a reconcile or transition threw (the simulation carries on).</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Completes when nothing is left to do now (future timed transitions may remain), or when settled.</summary>
    public Task WaitAsync(bool settled, CancellationToken ct)
    {
        lock (_store.SyncRoot)
        {
            if (IsQuiet(settled))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((settled, done));
            return done.Task.WaitAsync(ct);
        }
    }

    public void SetFault(string ns, string gss, Func<PodFault, PodFault> change)
    {
        lock (_store.SyncRoot)
        {
            var fault = change(_faults.GetValueOrDefault((ns, gss)) ?? new PodFault());
            _faults[(ns, gss)] = fault;
        }
    }

    public void ClearFault(string ns, string gss)
    {
        lock (_store.SyncRoot)
        {
            _faults.Remove((ns, gss), out var cleared);
            foreach (var pod in Pods(ns, gss).ToList())
            {
                var (name, uid) = (Json.Name(pod), Json.Uid(pod));
                var waiting = (pod["status"]?["containerStatuses"] as JsonArray ?? [])
                    .Select(c => Json.String(c?["state"]?["waiting"]?["reason"])).OfType<string>().ToList();
                if (IsUnscheduled(pod))
                {
                    At(TimeSpan.Zero, () => Schedule(ns, name, uid)); // the scheduler retries
                }
                else if (waiting.Any(r => r is "ErrImagePull" or "ImagePullBackOff" or "CrashLoopBackOff")
                    || (cleared?.ExtraStartDelay > TimeSpan.Zero && waiting.Contains("ContainerCreating")))
                {
                    // the kubelet retries the pull / restart, or a slow pull finishes now
                    At(_options.StartDelay, () => Start(ns, name, uid));
                }
            }

            Signal();
        }
    }

    /// <summary>The missing resource became free: the template's pending pods are scheduled; its other faults stay.</summary>
    public void AllowScheduling(string ns, string gss)
    {
        lock (_store.SyncRoot)
        {
            if (_faults.TryGetValue((ns, gss), out var fault))
            {
                _faults[(ns, gss)] = fault with { UnschedulableResource = null };
            }

            foreach (var pod in Pods(ns, gss).Where(IsUnscheduled).ToList())
            {
                var (name, uid) = (Json.Name(pod), Json.Uid(pod));
                At(TimeSpan.Zero, () => Schedule(ns, name, uid)); // the scheduler retries
            }

            Signal();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _signal.Dispose();
    }

    private bool IsQuiet(bool settled) =>
        !_signalPending && _dirty.Count == 0 && (_timers.Count == 0 || (!settled && NextDue() > _time.GetUtcNow()));

    private DateTimeOffset NextDue() => _timers.TryPeek(out _, out var p) ? p.Due : DateTimeOffset.MaxValue;

    private void Signal()
    {
        lock (_store.SyncRoot)
        {
            if (!_signalPending)
            {
                _signalPending = true;
                _signal.Release();
            }
        }
    }

    private void OnChanged(ResourceType type, string eventType, JsonObject obj)
    {
        var ns = Json.Namespace(obj);
        if (type == ResourceType.GameServerSets)
        {
            _dirty.Add((ns, Json.Name(obj)));
            if (eventType == "DELETED")
            {
                _ordinals.Remove(Json.Uid(obj));
            }
        }
        else if ((type == ResourceType.Pods || type == ResourceType.GameServers) && Json.Label(obj, OwnerLabel) is { } owner)
        {
            _dirty.Add((ns, owner));
        }
        else if (!PvcProtection.Concerns(_store, type, eventType, obj))
        {
            return;
        }

        if (!_protectionDue && PvcProtection.Concerns(_store, type, eventType, obj))
        {
            // the pvc-protection controller reacts after the change, as the real one does
            _protectionDue = true;
            At(_options.PvcProtectionDelay, () =>
            {
                _protectionDue = false;
                PvcProtection.ReleaseUnused(_store);
            });
        }

        Signal();
    }

    /// <summary>The kubelet stops a pod that is deleted gracefully: its GameServer says Deleting; it goes after the grace period.</summary>
    private void OnTerminating(ResourceType type, JsonObject obj, TimeSpan grace)
    {
        if (type != ResourceType.Pods)
        {
            return;
        }

        var (ns, name, uid) = (Json.Namespace(obj), Json.Name(obj), Json.Uid(obj));
        RefreshServer(obj);
        At(grace, () =>
        {
            if (_store.Peek(ResourceType.Pods, ns, name) is { } pod && Json.Uid(pod) == uid)
            {
                _store.Delete(ResourceType.Pods, ns, name, preconditionUid: uid, gracePeriod: TimeSpan.Zero);
            }
        });
        Signal();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await _signal.WaitAsync(ct).ConfigureAwait(false);
            lock (_store.SyncRoot)
            {
                _signalPending = false;
                Pass();
                var due = NextDue();
                if (due != DateTimeOffset.MaxValue)
                {
                    var wait = due - _time.GetUtcNow();
                    _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
                }

                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (IsQuiet(_waiters[i].Settled))
                    {
                        _waiters[i].Done.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }
    }

    private void Pass()
    {
        for (var round = 0; round < 1000; round++)
        {
            var now = _time.GetUtcNow();
            var ran = false;
            while (_timers.TryPeek(out var action, out var when) && when.Due <= now)
            {
                _timers.Dequeue();
                try
                {
                    action();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LastError = e;
                }

                ran = true;
            }

            if (_dirty.Count == 0 && !ran)
            {
                return;
            }

            var keys = _dirty.ToList();
            _dirty.Clear();
            foreach (var (ns, name) in keys)
            {
                try
                {
                    Reconcile(ns, name);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LastError = e;
                }
            }
        }
    }

    private void At(TimeSpan delay, Action action) =>
        _timers.Enqueue(action, (_time.GetUtcNow() + delay, ++_sequence));

    private IEnumerable<JsonObject> Pods(string ns, string gss) =>
        _store.PeekAll(ResourceType.Pods, ns).Where(p => Json.Label(p, OwnerLabel) == gss);

    private static int? IdOf(string name, string gss) =>
        name.Length > gss.Length + 1 && name.StartsWith(gss + "-", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(gss.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private void Reconcile(string ns, string name)
    {
        var gss = _store.Peek(ResourceType.GameServerSets, ns, name);
        if (gss is null)
        {
            return;
        }

        var uid = Json.Uid(gss);
        var spec = gss["spec"] as JsonObject ?? [];
        var replicas = (int)Math.Max(0, Json.Integer(spec["replicas"]) ?? 0);
        var explicitIds = ReserveIds.Parse(spec["reserveGameServerIds"]);
        var reserveIds = Json.String(spec["scaleStrategy"]?["scaleDownStrategyType"]) == "ReserveIds";
        var pods = new Dictionary<int, JsonObject>();
        foreach (var pod in Pods(ns, name))
        {
            if (IdOf(Json.Name(pod), name) is { } id)
            {
                pods[id] = pod;
            }
        }

        var servers = new Dictionary<int, JsonObject>();
        foreach (var gs in _store.PeekAll(ResourceType.GameServers, ns).Where(g => Json.Label(g, OwnerLabel) == name))
        {
            if (IdOf(Json.Name(gs), name) is { } id)
            {
                servers[id] = gs;
            }
        }

        if (!_ordinals.TryGetValue(uid, out var ordinals))
        {
            ordinals = [.. pods.Keys];
            _ordinals[uid] = ordinals;
        }

        // 5. opsState Kill lowers replicas by itself
        var killed = ordinals.Count(id => OpsState(servers.GetValueOrDefault(id)) == "Kill");
        if (killed > 0)
        {
            replicas = Math.Max(0, replicas - killed);
        }

        // 1. explicit ids are deleted
        ordinals.ExceptWith(explicitIds);

        // 2. new ids lowest first, skipping running and explicit ids
        for (var candidate = 0; ordinals.Count < replicas; candidate++)
        {
            if (!ordinals.Contains(candidate) && !explicitIds.Contains(candidate))
            {
                ordinals.Add(candidate);
            }
        }

        // 3. scale down by opsState, deletionPriority, then higher id
        var implicitIds = new List<int>();
        if (ordinals.Count > replicas)
        {
            var victims = ordinals
                .OrderBy(id => OpsRank(OpsState(servers.GetValueOrDefault(id))))
                .ThenByDescending(id => DeletionPriority(servers.GetValueOrDefault(id)))
                .ThenByDescending(id => id)
                .Take(ordinals.Count - replicas)
                .ToList();
            ordinals.ExceptWith(victims);
            implicitIds.AddRange(victims);
        }

        // 4. ReserveIds writes implicit ids back into the spec
        var reserved = explicitIds;
        var newSpec = (JsonObject)spec.DeepClone();
        if (killed > 0)
        {
            newSpec["replicas"] = replicas;
        }

        if (reserveIds && implicitIds.Count > 0)
        {
            reserved = [.. explicitIds, .. implicitIds];
            newSpec["reserveGameServerIds"] = ReserveIds.Format(reserved, _options.PlainIntReserveIds);
        }

        var annotation = ReserveIds.Annotation(reserved);
        var annotationStale = Json.Annotation(gss, ReserveAnnotation) != annotation && !(annotation.Length == 0 && Json.Annotation(gss, ReserveAnnotation) is null);
        if (!JsonNode.DeepEquals(newSpec, spec) || annotationStale)
        {
            var updated = (JsonObject)gss.DeepClone();
            updated["spec"] = newSpec;
            Json.Child(Json.Metadata(updated), "annotations")[ReserveAnnotation] = annotation;
            gss = _store.Update(ResourceType.GameServerSets, updated);
        }

        foreach (var id in ordinals.Where(id => !pods.ContainsKey(id)).ToList())
        {
            CreateInstance(gss, id);
        }

        foreach (var (id, pod) in pods)
        {
            if (!ordinals.Contains(id))
            {
                _store.Delete(ResourceType.Pods, ns, Json.Name(pod));
            }
        }

        foreach (var (id, pod) in pods)
        {
            if (ordinals.Contains(id) && !servers.ContainsKey(id))
            {
                CreateServer(gss, pod);
            }
        }

        Rollout(gss, pods.Where(p => ordinals.Contains(p.Key)).Select(p => p.Value));
        UpdateSetStatus(ns, name);
    }

    /// <summary>
    /// A changed gameServerTemplate or network (<see cref="OkgRevision"/>) updates the instances: in place when only images
    /// (container restart) or the network (no restart) changed and the podUpdatePolicy allows it, otherwise by recreating
    /// the pod (same id, same PVCs).
    /// </summary>
    private void Rollout(JsonObject gss, IEnumerable<JsonObject> pods)
    {
        var (revision, shape) = OkgRevision.Of(gss);
        var policy = Json.String(gss["spec"]?["updateStrategy"]?["rollingUpdate"]?["podUpdatePolicy"]) ?? "ReCreate";
        var containers = (gss["spec"]?["gameServerTemplate"]?["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(c => Json.String(c["name"]) ?? "", c => Json.String(c["image"]));
        foreach (var stored in pods.ToList())
        {
            if (Json.Label(stored, RevisionLabel) == revision || _store.Peek(ResourceType.Pods, Json.Namespace(stored), Json.Name(stored)) is null)
            {
                continue;
            }

            if (policy == "ReCreate" || Json.Annotation(stored, ShapeAnnotation) != shape)
            {
                _store.Delete(ResourceType.Pods, Json.Namespace(stored), Json.Name(stored));
                continue;
            }

            var pod = (JsonObject)stored.DeepClone();
            Json.Child(Json.Metadata(pod), "labels")[RevisionLabel] = revision;
            if (Containers(stored).All(c => containers.GetValueOrDefault(c.Name) == c.Image))
            {
                // only the network annotations changed: Kruise patches the pod's metadata, nothing restarts
                SavePod(pod);
                continue;
            }

            Json.Child(Json.Metadata(pod), "annotations")[UpdatingAnnotation] = "true";
            foreach (var container in (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
            {
                container["image"] = containers.GetValueOrDefault(Json.String(container["name"]) ?? "") ?? Json.String(container["image"]);
            }

            var now = Json.Timestamp(_time.GetUtcNow());
            var status = Json.Child(pod, "status");
            foreach (var cs in (status["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>())
            {
                cs["image"] = containers.GetValueOrDefault(Json.String(cs["name"]) ?? "") ?? Json.String(cs["image"]);
                cs["ready"] = false;
                cs["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } };
            }

            if (status["conditions"] is JsonArray conditions)
            {
                foreach (var condition in conditions.OfType<JsonObject>().Where(c => Json.String(c["type"]) is "Ready" or "ContainersReady"))
                {
                    condition["status"] = "False";
                    condition["lastTransitionTime"] = now;
                }
            }

            foreach (var (container, _) in Containers(stored))
            {
                Emit(pod, "Normal", "Killing", $"Container {container} definition changed, will be restarted", "kubelet");
            }

            SavePod(pod);
            var (ns, name, uid) = (Json.Namespace(pod), Json.Name(pod), Json.Uid(pod));
            At(_options.StartDelay, () => Start(ns, name, uid));
        }
    }

    private static string OpsState(JsonObject? gs) => Json.String(gs?["spec"]?["opsState"]) ?? "None";

    private static int OpsRank(string opsState) => opsState switch
    {
        "Kill" => 0,
        "WaitToBeDeleted" => 1,
        "Allocated" => 3,
        "Maintaining" => 4,
        _ => 2,
    };

    private static long DeletionPriority(JsonObject? gs) => gs?["spec"]?["deletionPriority"] switch
    {
        JsonValue v when Json.Integer(v) is { } n => n,
        JsonValue v when long.TryParse(Json.String(v), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) => s,
        _ => 0,
    };

    private void UpdateSetStatus(string ns, string name)
    {
        var gss = _store.Peek(ResourceType.GameServerSets, ns, name);
        if (gss is null)
        {
            return;
        }

        var pods = Pods(ns, name).ToList();
        var servers = _store.PeekAll(ResourceType.GameServers, ns).Where(g => Json.Label(g, OwnerLabel) == name).ToList();
        var ready = pods.Count(IsReady);
        var revision = OkgRevision.Of(gss).Revision;
        var current = pods.Where(p => Json.Label(p, RevisionLabel) == revision).ToList();
        var status = new JsonObject
        {
            ["observedGeneration"] = Json.Integer(gss["metadata"]?["generation"]) ?? 1,
            ["replicas"] = pods.Count,
            ["currentReplicas"] = pods.Count,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["updatedReplicas"] = current.Count,
            ["updatedReadyReplicas"] = current.Count(IsReady),
            ["maintainingReplicas"] = servers.Count(g => OpsState(g) == "Maintaining"),
            ["waitToBeDeletedReplicas"] = servers.Count(g => OpsState(g) == "WaitToBeDeleted"),
            ["preDeleteReplicas"] = 0,
            ["labelSelector"] = $"{OwnerLabel}={name}",
        };
        if (!JsonNode.DeepEquals(status, gss["status"]))
        {
            var updated = (JsonObject)gss.DeepClone();
            updated["status"] = status;
            _store.Update(ResourceType.GameServerSets, updated);
        }
    }

    private static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => Json.String(c?["type"]) == "Ready" && Json.String(c?["status"]) == "True");

    private void CreateInstance(JsonObject gss, int id)
    {
        var ns = Json.Namespace(gss);
        var name = Json.Name(gss);
        var podName = $"{name}-{id}";
        var template = gss["spec"]?["gameServerTemplate"] as JsonObject ?? [];
        var podSpec = template["spec"]?.DeepClone() as JsonObject ?? [];
        var templateLabels = template["metadata"]?["labels"] as JsonObject;
        var labels = templateLabels?.DeepClone() as JsonObject ?? [];
        labels[OwnerLabel] = name;
        labels["statefulset.kubernetes.io/pod-name"] = podName;
        labels["apps.kruise.io/pod-index"] = id.ToString(CultureInfo.InvariantCulture);
        var (revision, shape) = OkgRevision.Of(gss);
        labels[RevisionLabel] = revision;

        var volumes = podSpec["volumes"] as JsonArray ?? [];
        podSpec["volumes"] = volumes;
        foreach (var vct in (template["volumeClaimTemplates"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var vctName = Json.Name(vct);
            var claim = $"{vctName}-{name}-{id}";
            volumes.Add(new JsonObject { ["name"] = vctName, ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claim } });
            if (_store.Peek(ResourceType.PersistentVolumeClaims, ns, claim) is null)
            {
                var pvcSpec = vct["spec"]?.DeepClone() as JsonObject ?? [];
                pvcSpec["volumeName"] = $"pvc-{Guid.NewGuid()}";
                _store.Create(ResourceType.PersistentVolumeClaims, new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = claim,
                        ["namespace"] = ns,
                        ["labels"] = new JsonObject { [OwnerLabel] = name },
                    },
                    ["spec"] = pvcSpec,
                    ["status"] = new JsonObject
                    {
                        ["phase"] = "Bound",
                        ["accessModes"] = pvcSpec["accessModes"]?.DeepClone(),
                        ["capacity"] = new JsonObject { ["storage"] = pvcSpec["resources"]?["requests"]?["storage"]?.DeepClone() ?? "1Gi" },
                    },
                });
            }
        }

        podSpec["hostname"] = podName;
        podSpec["subdomain"] = name;
        podSpec["restartPolicy"] ??= "Always";
        podSpec["schedulerName"] ??= "default-scheduler";
        var annotations = template["metadata"]?["annotations"]?.DeepClone() as JsonObject ?? [];
        annotations[ShapeAnnotation] = shape;
        var network = gss["spec"]?["network"] as JsonObject;
        var networkType = Json.String(network?["networkType"]);
        var counter = ++_podCounter;
        if (networkType == "Kubernetes-HostPort")
        {
            var hostPort = 8000 + counter;
            foreach (var port in (podSpec["containers"] as JsonArray ?? []).SelectMany(c => c?["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                port["hostPort"] = hostPort++;
            }
        }
        else if (networkType == "Kubernetes-NodePort")
        {
            annotations[NodePortAnnotation] = (30000 + counter).ToString(CultureInfo.InvariantCulture);
        }

        var pod = _store.Create(ResourceType.Pods, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = podName,
                ["namespace"] = ns,
                ["labels"] = labels,
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps.kruise.io/v1beta1",
                    ["kind"] = "StatefulSet",
                    ["name"] = name,
                    ["uid"] = Json.Uid(gss),
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = podSpec,
            ["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" },
        });

        CreateServer(gss, pod);
        var podUid = Json.Uid(pod);
        At(_options.ScheduleDelay, () => Schedule(ns, podName, podUid));
    }

    private void CreateServer(JsonObject gss, JsonObject pod)
    {
        var name = Json.Name(gss);
        var podName = Json.Name(pod);
        var templateLabels = gss["spec"]?["gameServerTemplate"]?["metadata"]?["labels"] as JsonObject;
        var ns = Json.Namespace(gss);
        var gsLabels = templateLabels?.DeepClone() as JsonObject ?? [];
        gsLabels[OwnerLabel] = name;
        var gs = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = podName,
                ["namespace"] = ns,
                ["labels"] = gsLabels,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Pod",
                    ["name"] = podName,
                    ["uid"] = Json.Uid(pod),
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = new JsonObject
            {
                ["opsState"] = "None",
                ["updatePriority"] = 0,
                ["deletionPriority"] = 0,
                ["networkDisabled"] = false,
            },
        };
        gs["status"] = ServerStatus(gss, gs, pod, null);
        _store.Create(ResourceType.GameServers, gs);
    }

    /// <summary>The pod, unless it was replaced or is terminating (no more transitions then).</summary>
    private JsonObject? LivePod(string ns, string name, string uid) =>
        _store.Peek(ResourceType.Pods, ns, name) is { } pod && Json.Uid(pod) == uid && pod["metadata"]?["deletionTimestamp"] is null
            ? (JsonObject)pod.DeepClone()
            : null;

    private static bool IsStarted(JsonObject pod) =>
        Json.String(pod["status"]?["phase"]) == "Running"
        && (pod["status"]?["containerStatuses"] as JsonArray ?? []).All(c => c?["state"]?["running"] is not null);

    private static bool IsUnscheduled(JsonObject pod) =>
        Json.String(pod["status"]?["phase"]) == "Pending" && pod["spec"]?["nodeName"] is null;

    private PodFault FaultOf(JsonObject pod) =>
        _faults.GetValueOrDefault((Json.Namespace(pod), Json.Label(pod, OwnerLabel) ?? "")) ?? new PodFault();

    private void Schedule(string ns, string name, string uid)
    {
        if (LivePod(ns, name, uid) is not { } pod)
        {
            return;
        }

        var fault = FaultOf(pod);
        var status = Json.Child(pod, "status");
        var now = Json.Timestamp(_time.GetUtcNow());
        if (fault.UnschedulableResource is { } resource)
        {
            var message = $"0/3 nodes are available: 3 Insufficient {resource}. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.";
            status["conditions"] = new JsonArray(Condition("PodScheduled", "False", now, "Unschedulable", message));
            SavePod(pod);
            Emit(pod, "Warning", "FailedScheduling", message, "default-scheduler");
            return;
        }

        pod["spec"]!["nodeName"] = NodeName;
        status["hostIP"] = NodeIp;
        var ip = ++_ipCounter;
        status["podIP"] = $"10.244.{(ip / 250) % 250}.{(ip % 250) + 2}";
        status["startTime"] = now;
        status["conditions"] = new JsonArray(
            Condition("Initialized", "True", now),
            Condition("Ready", "False", now, "ContainersNotReady", "containers with unready status"),
            Condition("ContainersReady", "False", now, "ContainersNotReady", "containers with unready status"),
            Condition("PodScheduled", "True", now));
        status["containerStatuses"] = new JsonArray([.. Containers(pod).Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["image"] = c.Image,
            ["imageID"] = "",
            ["ready"] = false,
            ["started"] = false,
            ["restartCount"] = 0,
            ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
        })]);
        SavePod(pod);
        Emit(pod, "Normal", "Scheduled", $"Successfully assigned {ns}/{name} to {NodeName}", "default-scheduler");
        foreach (var (_, image) in Containers(pod))
        {
            Emit(pod, "Normal", "Pulling", $"Pulling image \"{image}\"", "kubelet");
        }

        At(_options.StartDelay + fault.ExtraStartDelay, () => Start(ns, name, uid));
    }

    private void Start(string ns, string name, string uid)
    {
        if (LivePod(ns, name, uid) is not { } pod || IsStarted(pod))
        {
            return; // gone, or already started (a cleared slow start): the later timer does nothing
        }

        var fault = FaultOf(pod);
        var now = Json.Timestamp(_time.GetUtcNow());
        if (fault.ImagePullFailure)
        {
            foreach (var (_, image) in Containers(pod))
            {
                Emit(pod, "Warning", "Failed", $"Failed to pull image \"{image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": not found", "kubelet");
                Emit(pod, "Warning", "Failed", "Error: ErrImagePull", "kubelet");
            }

            SetWaiting(pod, "ErrImagePull", "rpc error: code = NotFound desc = failed to pull and unpack image: not found");
            SavePod(pod);
            At(_options.BackOffDelay, () => BackOff(ns, name, uid));
            return;
        }

        foreach (var (container, image) in Containers(pod))
        {
            Emit(pod, "Normal", "Pulled", $"Successfully pulled image \"{image}\" in 1.2s (1.2s including waiting)", "kubelet");
            Emit(pod, "Normal", "Created", $"Created container {container}", "kubelet");
            Emit(pod, "Normal", "Started", $"Started container {container}", "kubelet");
        }

        (pod["metadata"]?["annotations"] as JsonObject)?.Remove(UpdatingAnnotation);
        var status = (JsonObject)pod["status"]!;
        status["phase"] = "Running";
        if (fault.CrashExitCode is { } exitCode)
        {
            foreach (var cs in (status["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>())
            {
                cs["restartCount"] = 1;
                cs["state"] = new JsonObject
                {
                    ["waiting"] = new JsonObject
                    {
                        ["reason"] = "CrashLoopBackOff",
                        ["message"] = $"back-off 10s restarting failed container={Json.String(cs["name"])} pod={name}_{ns}({uid})",
                    },
                };
                cs["lastState"] = new JsonObject
                {
                    ["terminated"] = new JsonObject
                    {
                        ["exitCode"] = exitCode,
                        ["reason"] = "Error",
                        ["startedAt"] = now,
                        ["finishedAt"] = now,
                    },
                };
                Emit(pod, "Warning", "BackOff", $"Back-off restarting failed container {Json.String(cs["name"])} in pod {name}_{ns}({uid})", "kubelet");
            }

            SavePod(pod);
            return;
        }

        status["conditions"] = new JsonArray(
            Condition("Initialized", "True", now),
            Condition("Ready", "True", now),
            Condition("ContainersReady", "True", now),
            Condition("PodScheduled", "True", now));
        foreach (var cs in (status["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            cs["ready"] = true;
            cs["started"] = true;
            cs["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } };
        }

        SavePod(pod);
    }

    private void BackOff(string ns, string name, string uid)
    {
        if (LivePod(ns, name, uid) is not { } pod)
        {
            return;
        }

        foreach (var (_, image) in Containers(pod))
        {
            Emit(pod, "Normal", "BackOff", $"Back-off pulling image \"{image}\"", "kubelet");
            Emit(pod, "Warning", "Failed", "Error: ImagePullBackOff", "kubelet");
        }

        SetWaiting(pod, "ImagePullBackOff", "Back-off pulling image");
        SavePod(pod);
    }

    private static void SetWaiting(JsonObject pod, string reason, string message)
    {
        foreach (var cs in (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var image = Json.String(cs["image"]);
            cs["state"] = new JsonObject
            {
                ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = reason == "ImagePullBackOff" ? $"Back-off pulling image \"{image}\"" : message },
            };
        }
    }

    private static List<(string Name, string Image)> Containers(JsonObject pod) =>
        [.. (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(c => (Json.String(c["name"]) ?? "main", Json.String(c["image"]) ?? ""))];

    private static JsonObject Condition(string type, string status, string time, string? reason = null, string? message = null)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = time };
        if (reason is not null)
        {
            condition["reason"] = reason;
            condition["message"] = message;
        }

        return condition;
    }

    private void SavePod(JsonObject pod) => RefreshServer(_store.Update(ResourceType.Pods, pod));

    /// <summary>OKG copies the pod's state to its GameServer.</summary>
    private void RefreshServer(JsonObject pod)
    {
        var ns = Json.Namespace(pod);
        if (_store.Peek(ResourceType.GameServers, ns, Json.Name(pod)) is { } gs
            && Json.Label(pod, OwnerLabel) is { } owner
            && _store.Peek(ResourceType.GameServerSets, ns, owner) is { } gss)
        {
            var updated = (JsonObject)gs.DeepClone();
            updated["status"] = ServerStatus(gss, gs, pod, gs["status"] as JsonObject);
            _store.Update(ResourceType.GameServers, updated);
        }
    }

    private void Emit(JsonObject pod, string type, string reason, string message, string component)
    {
        var now = Json.Timestamp(_time.GetUtcNow());
        var name = Json.Name(pod);
        _store.Create(ResourceType.Events, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{name}.{++_eventCounter:x16}",
                ["namespace"] = Json.Namespace(pod),
            },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = "Pod",
                ["namespace"] = Json.Namespace(pod),
                ["name"] = name,
                ["uid"] = Json.Uid(pod),
                ["apiVersion"] = "v1",
                ["resourceVersion"] = pod["metadata"]?["resourceVersion"]?.DeepClone(),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = component == "kubelet"
                ? new JsonObject { ["component"] = component, ["host"] = NodeName }
                : new JsonObject { ["component"] = component },
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["type"] = type,
            ["reportingComponent"] = component,
            ["reportingInstance"] = component == "kubelet" ? NodeName : "",
        });
    }

    private JsonObject ServerStatus(JsonObject gss, JsonObject gs, JsonObject pod, JsonObject? previous)
    {
        var now = Json.Timestamp(_time.GetUtcNow());
        var podStatus = pod["status"] as JsonObject ?? [];
        var phase = Json.String(podStatus["phase"]);
        var ready = IsReady(pod);
        var state = phase switch
        {
            _ when pod["metadata"]?["deletionTimestamp"] is not null => "Deleting",
            _ when Json.Annotation(pod, UpdatingAnnotation) is not null => "Updating",
            "Pending" or null => "Creating",
            "Failed" => "Crash",
            "Running" when ready => "Ready",
            _ => "NotReady",
        };
        var keep = previous is not null && Json.String(previous["currentState"]) == state;
        var transition = keep ? Json.String(previous!["lastTransitionTime"]) ?? now : now;
        var podCondition = (podStatus["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(c => Json.String(c["status"]) == "False" && Json.String(c["reason"]) is not (null or "ContainersNotReady"));
        var waiting = (podStatus["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => c["state"]?["waiting"] as JsonObject).FirstOrDefault(w => w is not null && Json.String(w["reason"]) != "ContainerCreating");
        var podNormal = podCondition is not null
            ? new JsonObject { ["type"] = "PodNormal", ["status"] = "False", ["reason"] = Json.String(podCondition["reason"]), ["message"] = ShortMessage(Json.String(podCondition["message"])) }
            : waiting is not null
                ? new JsonObject { ["type"] = "PodNormal", ["status"] = "False", ["reason"] = Json.String(waiting["reason"]), ["message"] = Json.String(waiting["message"]) }
                : new JsonObject { ["type"] = "PodNormal", ["status"] = "True" };
        return new JsonObject
        {
            ["desiredState"] = "Ready",
            ["currentState"] = state,
            ["networkStatus"] = OkgNetwork.Status(gss, gs, pod, ready, previous?["networkStatus"] as JsonObject, now),
            ["podStatus"] = podStatus.DeepClone(),
            ["updatePriority"] = gs["spec"]?["updatePriority"]?.ToString() ?? "0",
            ["deletionPriority"] = gs["spec"]?["deletionPriority"]?.ToString() ?? "0",
            ["lastTransitionTime"] = transition,
            ["conditions"] = new JsonArray(
                podNormal,
                new JsonObject { ["type"] = "NodeNormal", ["status"] = "True" },
                new JsonObject { ["type"] = "PersistentVolumeNormal", ["status"] = "True" }),
        };
    }

    private static string? ShortMessage(string? message) =>
        message?.Split(" preemption:", 2)[0];
}
