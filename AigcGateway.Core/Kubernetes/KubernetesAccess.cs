using System.Collections.Immutable;

namespace AigcGateway.Core.Kubernetes;

/// <summary>One RBAC rule the gateway needs: an API group, resources in it, and the verbs the code calls on them.</summary>
public sealed record KubernetesAccessRule(string ApiGroup, ImmutableArray<string> Resources, ImmutableArray<string> Verbs);

/// <summary>
/// Every Kubernetes call the gateway makes, as RBAC rules. The helm chart's Role is checked against this list
/// by the chart tests, so a new call here without a chart change (or the reverse) fails the build.
/// </summary>
public static class KubernetesAccess
{
    public static ImmutableArray<KubernetesAccessRule> Rules { get; } =
    [
        // templates: read and watched by the cache; updated by install/pause/recover/uninstall;
        // created, patched and deleted from the administration pages; patched to mark Logto entries to re-write (mirror marks)
        new("game.kruise.io", ["gameserversets"], ["get", "list", "watch", "create", "update", "patch", "delete"]),
        // instances: read and watched by the cache; patched with the idle auto-pause's annotations (last activity,
        // keep-running-until: one key per merge or test-guarded JSON patch)
        new("game.kruise.io", ["gameservers"], ["get", "list", "watch", "patch"]),
        // restart deletes the pod; diagnostics read pod status
        new("", ["pods"], ["get", "list", "watch", "delete"]),
        // uninstall deletes the data volumes
        new("", ["persistentvolumeclaims"], ["get", "list", "watch", "delete"]),
        // diagnostics read events; the audit trail writes them
        new("", ["events"], ["get", "list", "watch", "create"]),
        // background reconcilers run on the replica that holds the lease
        new("coordination.k8s.io", ["leases"], ["get", "create", "update"]),
        // revoked sign-in sessions, shared by every replica: one ConfigMap in the gateway's own namespace (the chart
        // limits every verb but create to that name)
        new("", ["configmaps"], ["get", "list", "watch", "create", "update"]),
    ];
}
