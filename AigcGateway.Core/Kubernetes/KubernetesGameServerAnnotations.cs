using System.Text.Json.Nodes;
using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AigcGateway.Core.Kubernetes;

/// <summary><see cref="IGameServerAnnotations"/> as a JSON merge patch of <c>metadata.annotations</c> (RBAC: <c>patch</c> on gameservers).</summary>
internal sealed class KubernetesGameServerAnnotations(IKubernetes client) : IGameServerAnnotations
{
    public async Task SetAsync(InstanceRef instance, string key, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var name = instance.GameServerName;
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
        try
        {
            using var _ = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                GameServerSet.Group,
                GameServerSet.Version,
                instance.Template.Namespace,
                GameServer.Plural,
                name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            throw KubernetesClientApi.Translate(ex, $"patch GameServer {instance.Template.Namespace}/{name}");
        }
    }
}
