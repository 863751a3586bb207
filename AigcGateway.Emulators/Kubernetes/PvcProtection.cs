using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// The <c>kubernetes.io/pvc-protection</c> finalizer: admission adds it to every PVC, so a DELETE only marks the PVC
/// (Terminating); the controller removes the finalizer once no pod uses the PVC any more, and the PVC goes.
/// </summary>
internal static class PvcProtection
{
    public const string Finalizer = "kubernetes.io/pvc-protection";

    /// <summary>Admission: every new PVC carries the finalizer.</summary>
    public static void Admit(ResourceType type, JsonObject obj)
    {
        if (type != ResourceType.PersistentVolumeClaims)
        {
            return;
        }

        var metadata = Json.Metadata(obj);
        var finalizers = metadata["finalizers"] as JsonArray ?? [];
        if (!finalizers.Any(f => Json.String(f) == Finalizer))
        {
            finalizers.Add(Finalizer);
        }

        metadata["finalizers"] = finalizers;
    }

    /// <summary>A change the controller reacts to: a PVC being deleted, or a pod gone while a PVC of its namespace is being deleted.</summary>
    public static bool Concerns(ObjectStore store, ResourceType type, string eventType, JsonObject obj) =>
        (type == ResourceType.PersistentVolumeClaims && eventType != "DELETED" && obj["metadata"]?["deletionTimestamp"] is not null)
        || (type == ResourceType.Pods && eventType == "DELETED"
            && store.PeekAll(ResourceType.PersistentVolumeClaims, Json.Namespace(obj)).Any(p => p["metadata"]?["deletionTimestamp"] is not null));

    /// <summary>Removes the finalizer from every PVC being deleted that no pod uses (call under the store's lock).</summary>
    public static void ReleaseUnused(ObjectStore store)
    {
        var deleting = store.PeekAll(ResourceType.PersistentVolumeClaims, null)
            .Where(p => p["metadata"]?["deletionTimestamp"] is not null && (p["metadata"]?["finalizers"] as JsonArray)?.Any(f => Json.String(f) == Finalizer) == true)
            .ToList();
        foreach (var pvc in deleting)
        {
            var ns = Json.Namespace(pvc);
            var claim = Json.Name(pvc);
            var inUse = store.PeekAll(ResourceType.Pods, ns).Any(pod => (pod["spec"]?["volumes"] as JsonArray ?? [])
                .Any(v => Json.String(v?["persistentVolumeClaim"]?["claimName"]) == claim));
            if (inUse)
            {
                continue;
            }

            var released = (JsonObject)pvc.DeepClone();
            var finalizers = new JsonArray([.. ((JsonArray)released["metadata"]!["finalizers"]!).Where(f => Json.String(f) != Finalizer).Select(f => f?.DeepClone())]);
            released["metadata"]!["finalizers"] = finalizers;
            store.Update(ResourceType.PersistentVolumeClaims, released);
        }
    }
}
