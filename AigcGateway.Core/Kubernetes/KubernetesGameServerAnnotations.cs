using System.Text.Json.Nodes;
using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AigcGateway.Core.Kubernetes;

/// <summary>
/// <see cref="IGameServerAnnotations"/>: a JSON merge patch of one key of <c>metadata.annotations</c>, or a JSON patch whose
/// <c>test</c> makes the replacement conditional (RBAC: <c>patch</c> on gameservers). No resourceVersion: OKG's status writes
/// never make these fail.
/// </summary>
internal sealed class KubernetesGameServerAnnotations(IKubernetes client) : IGameServerAnnotations
{
    public Task SetAsync(InstanceRef instance, string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
        return PatchAsync(instance, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), cancellationToken);
    }

    public async Task<bool> ReplaceAsync(InstanceRef instance, string key, string expected, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        // RFC 6901: "/" in a key is "~1"
        var path = "/metadata/annotations/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
        var patch = new JsonArray
        {
            new JsonObject { ["op"] = "test", ["path"] = path, ["value"] = expected },
            new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = value },
        };
        try
        {
            await PatchAsync(instance, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ClusterException ex) when (ex.StatusCode is 404 or 409 or 422)
        {
            return false;
        }
    }

    private async Task PatchAsync(InstanceRef instance, V1Patch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var name = instance.GameServerName;
        try
        {
            using var _ = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync(
                patch,
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
        catch (HttpRequestException ex)
        {
            throw new ClusterException($"patch GameServer {instance.Template.Namespace}/{name}: {ex.Message}", ex);
        }
    }
}
