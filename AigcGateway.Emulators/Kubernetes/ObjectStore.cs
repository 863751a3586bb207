using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// The emulated etcd: objects as JSON per resource type, one resourceVersion counter for all kinds, a bounded history
/// ring for watches, the live watchers, and owner-reference garbage collection. All state is guarded by
/// <see cref="SyncRoot"/> (reentrant); stored <see cref="JsonObject"/>s are never mutated after they are stored.
/// </summary>
internal sealed class ObjectStore(int historyCapacity, TimeProvider time)
{
    private readonly Dictionary<ResourceType, SortedDictionary<string, Entry>> _objects =
        ResourceType.All.ToDictionary(t => t, _ => new SortedDictionary<string, Entry>(StringComparer.Ordinal));
    private readonly Dictionary<string, HashSet<(ResourceType Type, string Key)>> _dependents = new(StringComparer.Ordinal);
    private readonly Queue<HistoryEvent> _history = new();
    private readonly List<Watcher> _watchers = [];
    private long _rv = 100;
    private long _oldestServable = 100;

    public Lock SyncRoot { get; } = new();

    /// <summary>Called under the lock after every change: type, event type, new (or deleted) object.</summary>
    public Action<ResourceType, string, JsonObject>? Changed { get; set; }

    /// <summary>Admission: changes an object before it is first stored (e.g. adds the PVC protection finalizer).</summary>
    public Action<ResourceType, JsonObject>? Admit { get; set; }

    /// <summary>
    /// Graceful deletion: how long an object a DELETE without a grace period of its own stays terminating (pods:
    /// until the kubelet has stopped it); zero removes it at once.
    /// </summary>
    public Func<ResourceType, JsonObject, TimeSpan>? GracePeriod { get; set; }

    /// <summary>Called under the lock when an object starts a graceful deletion: type, the object (terminating), grace period.</summary>
    public Action<ResourceType, JsonObject, TimeSpan>? Terminating { get; set; }

    public long CurrentVersion
    {
        get
        {
            lock (SyncRoot)
            {
                return _rv;
            }
        }
    }

    public int WatcherCount
    {
        get
        {
            lock (SyncRoot)
            {
                return _watchers.Count;
            }
        }
    }

    public static string Key(string ns, string name) => ns.Length == 0 ? name : $"{ns}/{name}";

    /// <summary>The stored object, read-only, for callers holding the lock.</summary>
    public JsonObject? Peek(ResourceType type, string ns, string name)
    {
        lock (SyncRoot)
        {
            return _objects[type].TryGetValue(Key(ns, name), out var entry) ? entry.Object : null;
        }
    }

    /// <summary>Stored objects of a type (optionally one namespace), read-only, for callers holding the lock.</summary>
    public IEnumerable<JsonObject> PeekAll(ResourceType type, string? ns)
    {
        var all = _objects[type].Values;
        return ns is null ? all.Select(e => e.Object) : all.Where(e => e.Namespace == ns).Select(e => e.Object);
    }

    /// <summary>A private copy of the stored object.</summary>
    public JsonObject? Get(ResourceType type, string ns, string name)
    {
        lock (SyncRoot)
        {
            return _objects[type].TryGetValue(Key(ns, name), out var entry) ? Json.ParseObject(entry.Json) : null;
        }
    }

    public (List<byte[]> Items, long Version) List(ResourceType type, string? ns, Selector? labels, Selector? fields)
    {
        lock (SyncRoot)
        {
            var items = new List<byte[]>();
            foreach (var entry in _objects[type].Values)
            {
                if ((ns is null || entry.Namespace == ns) && (labels?.Matches(entry.Object) ?? true) && (fields?.Matches(entry.Object) ?? true))
                {
                    items.Add(entry.Json);
                }
            }

            return (items, _rv);
        }
    }

    public void CheckServable(long requested)
    {
        lock (SyncRoot)
        {
            if (requested < _oldestServable)
            {
                throw StatusException.Expired(requested, _oldestServable);
            }
        }
    }

    public JsonObject Create(ResourceType type, JsonObject obj)
    {
        lock (SyncRoot)
        {
            var metadata = Json.Metadata(obj);
            var name = Json.Name(obj);
            var ns = type.Namespaced ? Json.Namespace(obj) : "";
            var key = Key(ns, name);
            if (_objects[type].ContainsKey(key))
            {
                throw StatusException.AlreadyExists(type, name);
            }

            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Json.Timestamp(time.GetUtcNow());
            if (type.IsCustom)
            {
                metadata["generation"] = 1;
            }

            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            Admit?.Invoke(type, obj);
            Store(type, key, ns, obj, null, "ADDED");
            return Json.ParseObject(_objects[type][key].Json);
        }
    }

    /// <summary>Replaces a stored object. A set resourceVersion must match; an unchanged object is not written.</summary>
    public JsonObject Update(ResourceType type, JsonObject obj)
    {
        lock (SyncRoot)
        {
            var name = Json.Name(obj);
            var ns = type.Namespaced ? Json.Namespace(obj) : "";
            var key = Key(ns, name);
            if (!_objects[type].TryGetValue(key, out var old))
            {
                throw StatusException.NotFound(type, name);
            }

            var metadata = Json.Metadata(obj);
            var requested = Json.ResourceVersion(obj);
            if (requested != 0 && requested != Json.ResourceVersion(old.Object))
            {
                throw StatusException.Conflict(type, name);
            }

            var oldMetadata = (JsonObject)old.Object["metadata"]!;
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            foreach (var fixedField in new[] { "uid", "creationTimestamp", "generation", "resourceVersion" })
            {
                metadata[fixedField] = oldMetadata[fixedField]?.DeepClone();
            }

            foreach (var deletionField in new[] { "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                // set only by DELETE; an update can neither set nor clear them
                if (oldMetadata[deletionField] is { } kept)
                {
                    metadata[deletionField] = kept.DeepClone();
                }
                else
                {
                    metadata.Remove(deletionField);
                }
            }

            if (Json.Integer(oldMetadata["deletionGracePeriodSeconds"]) == 0 && metadata["finalizers"] is not JsonArray { Count: > 0 })
            {
                // the last finalizer of an object being deleted is gone: it goes now (as the API server's ShouldDeleteDuringUpdate)
                return Remove(type, key, old);
            }

            if (JsonNode.DeepEquals(obj, old.Object))
            {
                return Json.ParseObject(old.Json);
            }

            if (type.IsCustom && !JsonNode.DeepEquals(obj["spec"], old.Object["spec"]))
            {
                metadata["generation"] = (Json.Integer(oldMetadata["generation"]) ?? 0) + 1;
            }

            Store(type, key, ns, obj, old, "MODIFIED");
            return Json.ParseObject(_objects[type][key].Json);
        }
    }

    /// <summary>
    /// Deletes an object. One with finalizers only gets a deletionTimestamp and stays until they are removed; one with a
    /// grace period (<paramref name="gracePeriod"/>, else <see cref="GracePeriod"/>) stays terminating until it is
    /// deleted again with a zero grace period. Deleting a terminating object again changes nothing.
    /// </summary>
    public JsonObject Delete(ResourceType type, string ns, string name, long? preconditionVersion = null, string? preconditionUid = null, TimeSpan? gracePeriod = null)
    {
        lock (SyncRoot)
        {
            var key = Key(type.Namespaced ? ns : "", name);
            if (!_objects[type].TryGetValue(key, out var old))
            {
                throw StatusException.NotFound(type, name);
            }

            if ((preconditionVersion is { } rv && rv != Json.ResourceVersion(old.Object))
                || (preconditionUid is { Length: > 0 } uid && uid != Json.Uid(old.Object)))
            {
                throw StatusException.Conflict(type, name);
            }

            if (old.Object["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
            {
                return MarkDeleting(type, key, old, TimeSpan.Zero);
            }

            var grace = gracePeriod ?? GracePeriod?.Invoke(type, old.Object) ?? TimeSpan.Zero;
            return grace > TimeSpan.Zero ? MarkDeleting(type, key, old, grace) : Remove(type, key, old);
        }
    }

    public Watcher Watch(ResourceType type, string? ns, Selector? labels, Selector? fields, long? from)
    {
        lock (SyncRoot)
        {
            var watcher = new Watcher(type, ns, labels, fields);
            if (from is null or 0)
            {
                foreach (var entry in _objects[type].Values)
                {
                    if (watcher.Matches(type, entry.Namespace, entry.Object))
                    {
                        watcher.Post("ADDED", entry.Json);
                    }
                }
            }
            else
            {
                if (from < _oldestServable)
                {
                    throw StatusException.Expired(from.Value, _oldestServable);
                }

                foreach (var e in _history)
                {
                    if (e.Version <= from || e.Type != type || (ns is not null && e.Namespace != ns))
                    {
                        continue;
                    }

                    // replayed changes are filtered exactly as live ones: an object that left the selector is DELETED
                    var seen = labels is null && fields is null ? e.EventType : EventFor(watcher, e.EventType, e.Namespace, Json.ParseObject(e.Json), e.Previous);
                    if (seen is not null)
                    {
                        watcher.Post(seen, e.Json);
                    }
                }
            }

            _watchers.Add(watcher);
            return watcher;
        }
    }

    /// <summary>Queues a BOOKMARK at the current version behind every event already queued for the watcher.</summary>
    public void PostBookmark(Watcher watcher, bool initialEventsEnd = false)
    {
        lock (SyncRoot)
        {
            var metadata = new JsonObject { ["resourceVersion"] = _rv.ToString(CultureInfo.InvariantCulture) };
            if (initialEventsEnd)
            {
                metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
            }

            var bookmark = new JsonObject
            {
                ["kind"] = watcher.Type.Kind,
                ["apiVersion"] = watcher.Type.ApiVersion,
                ["metadata"] = metadata,
            };
            watcher.Post("BOOKMARK", Json.ToBytes(bookmark));
        }
    }

    public void Unwatch(Watcher watcher)
    {
        lock (SyncRoot)
        {
            _watchers.Remove(watcher);
        }

        watcher.Close();
    }

    /// <summary>Forgets the history: a watch or list from any earlier version now answers 410.</summary>
    public void Compact()
    {
        lock (SyncRoot)
        {
            _history.Clear();
            _oldestServable = _rv;
        }
    }

    public void DropWatches()
    {
        List<Watcher> dropped;
        lock (SyncRoot)
        {
            dropped = [.. _watchers];
            _watchers.Clear();
        }

        foreach (var watcher in dropped)
        {
            watcher.Close();
        }
    }

    public static byte[] Line(string eventType, byte[] json)
    {
        var prefix = Encoding.UTF8.GetBytes($"{{\"type\":\"{eventType}\",\"object\":");
        var line = new byte[prefix.Length + json.Length + 2];
        prefix.CopyTo(line, 0);
        json.CopyTo(line, prefix.Length);
        line[^2] = (byte)'}';
        line[^1] = (byte)'\n';
        return line;
    }

    private long Next() => ++_rv;

    private void Store(ResourceType type, string key, string ns, JsonObject obj, Entry? old, string eventType)
    {
        obj["metadata"]!["resourceVersion"] = Next().ToString(CultureInfo.InvariantCulture);
        var json = Json.ToBytes(obj);
        if (old is not null)
        {
            Unindex(type, key, old.Object);
        }

        _objects[type][key] = new Entry(obj, json, ns);
        Index(type, key, obj);
        Record(type, eventType, ns, obj, json, old?.Object);
        Changed?.Invoke(type, eventType, obj);
    }

    private JsonObject MarkDeleting(ResourceType type, string key, Entry old, TimeSpan grace)
    {
        if (old.Object["metadata"]?["deletionTimestamp"] is not null)
        {
            return Json.ParseObject(old.Json);
        }

        var marked = Json.ParseObject(old.Json);
        var metadata = Json.Metadata(marked);
        metadata["deletionTimestamp"] = Json.Timestamp(time.GetUtcNow() + grace);
        metadata["deletionGracePeriodSeconds"] = (long)Math.Ceiling(grace.TotalSeconds);
        Store(type, key, old.Namespace, marked, old, "MODIFIED");
        var stored = _objects[type][key].Object;
        if (grace > TimeSpan.Zero)
        {
            Terminating?.Invoke(type, stored, grace);
        }

        return Json.ParseObject(_objects[type][key].Json);
    }

    private JsonObject Remove(ResourceType type, string key, Entry old)
    {
        var deleted = Json.ParseObject(old.Json);
        _objects[type].Remove(key);
        Unindex(type, key, old.Object);
        deleted["metadata"]!["resourceVersion"] = Next().ToString(CultureInfo.InvariantCulture);
        var json = Json.ToBytes(deleted);
        Record(type, "DELETED", old.Namespace, deleted, json, old.Object);
        Changed?.Invoke(type, "DELETED", deleted);
        CollectDependents(Json.Uid(old.Object));
        return Json.ParseObject(json);
    }

    private void Record(ResourceType type, string eventType, string ns, JsonObject obj, byte[] json, JsonObject? previous)
    {
        _history.Enqueue(new HistoryEvent(_rv, type, eventType, ns, json, previous));
        while (_history.Count > historyCapacity)
        {
            _oldestServable = _history.Dequeue().Version;
        }

        byte[]? added = null, modified = null, deleted = null;
        byte[] LineFor(string kind) => kind switch
        {
            "ADDED" => added ??= Line(kind, json),
            "MODIFIED" => modified ??= Line(kind, json),
            _ => deleted ??= Line(kind, json),
        };

        foreach (var watcher in _watchers)
        {
            if (watcher.Type != type || (watcher.Namespace is not null && watcher.Namespace != ns))
            {
                continue;
            }

            if (EventFor(watcher, eventType, ns, obj, previous) is { } seen)
            {
                watcher.PostLine(LineFor(seen));
            }
        }
    }

    /// <summary>
    /// What a watcher sees of a change, as the API server decides it from the object before and after: a modification
    /// that brings the object into the watcher's selectors is ADDED, one that takes it out is DELETED, and any other
    /// change is seen as it is when the object matches; null when the watcher sees nothing.
    /// </summary>
    private static string? EventFor(Watcher watcher, string eventType, string ns, JsonObject obj, JsonObject? previous)
    {
        var now = watcher.Matches(watcher.Type, ns, obj);
        var before = previous is not null && eventType == "MODIFIED" && watcher.Matches(watcher.Type, ns, previous);
        return (eventType, now, before) switch
        {
            ("MODIFIED", true, false) when previous is not null => "ADDED",
            ("MODIFIED", false, true) => "DELETED",
            (_, true, _) => eventType,
            _ => null,
        };
    }

    private void Index(ResourceType type, string key, JsonObject obj)
    {
        foreach (var uid in OwnerUids(obj))
        {
            if (!_dependents.TryGetValue(uid, out var set))
            {
                set = [];
                _dependents[uid] = set;
            }

            set.Add((type, key));
        }
    }

    private void Unindex(ResourceType type, string key, JsonObject obj)
    {
        foreach (var uid in OwnerUids(obj))
        {
            if (_dependents.TryGetValue(uid, out var set))
            {
                set.Remove((type, key));
                if (set.Count == 0)
                {
                    _dependents.Remove(uid);
                }
            }
        }
    }

    private static IEnumerable<string> OwnerUids(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray refs
            ? refs.Select(r => Json.String(r?["uid"])).OfType<string>()
            : [];

    private void CollectDependents(string uid)
    {
        if (!_dependents.Remove(uid, out var dependents))
        {
            return;
        }

        foreach (var (type, key) in dependents.ToList())
        {
            if (_objects[type].TryGetValue(key, out var entry))
            {
                Delete(type, entry.Namespace, Json.Name(entry.Object));
            }
        }
    }

    private sealed record Entry(JsonObject Object, byte[] Json, string Namespace);

    private sealed record HistoryEvent(long Version, ResourceType Type, string EventType, string Namespace, byte[] Json, JsonObject? Previous);
}
