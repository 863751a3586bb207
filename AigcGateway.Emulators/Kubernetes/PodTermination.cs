using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>Graceful pod deletion: how long a deleted pod stays Terminating before the kubelet has stopped it.</summary>
internal static class PodTermination
{
    /// <summary>
    /// The pod's <c>spec.terminationGracePeriodSeconds</c>, else <paramref name="fallback"/> (the API server's default);
    /// zero for anything but a pod, and for a pod no node runs yet (it goes at once).
    /// </summary>
    public static TimeSpan GracePeriodOf(ResourceType type, JsonObject obj, TimeSpan fallback)
    {
        if (type != ResourceType.Pods || Json.String(obj["spec"]?["nodeName"]) is null)
        {
            return TimeSpan.Zero;
        }

        return Json.Integer(obj["spec"]?["terminationGracePeriodSeconds"]) is { } seconds ? TimeSpan.FromSeconds(seconds) : fallback;
    }
}
