using System.Globalization;
using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;

namespace AigcGateway.Core.Kubernetes;

/// <summary>
/// Mirror marks as GameServerSet annotations, each written with its own PATCH (no resourceVersion: a merge patch of one
/// annotation key cannot lose anyone else's change; the lifecycle's resourceVersion-guarded updates keep it).
/// </summary>
internal sealed class KubernetesMirrorMarks(IKubernetesApi api, SnapshotHub hub, TimeProvider timeProvider) : IMirrorMarks
{
    public async Task MarkAsync(TemplateRef template, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (MirrorMarkAnnotations.KeyFor(userId) is not { } key
            || (hub.Current.Templates.TryGetValue(template, out var state) && state.MirrorMarks.ContainsKey(userId)))
        {
            return;
        }

        var since = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = since } } };
        await api.PatchGameServerSetAsync(template.Namespace, template.Name, patch.ToJsonString(), jsonPatch: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UnmarkAsync(TemplateRef template, string userId, string since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (MirrorMarkAnnotations.KeyFor(userId) is not { } key)
        {
            return false;
        }

        // RFC 6901: "/" in a key is "~1"; the test makes the removal conditional on the mark not having changed
        var path = "/metadata/annotations/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
        var patch = new JsonArray
        {
            new JsonObject { ["op"] = "test", ["path"] = path, ["value"] = since },
            new JsonObject { ["op"] = "remove", ["path"] = path },
        };
        try
        {
            await api.PatchGameServerSetAsync(template.Namespace, template.Name, patch.ToJsonString(), jsonPatch: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ClusterException ex) when (ex.StatusCode is 404 or 409 or 422)
        {
            return false; // marked again meanwhile, or the template is gone
        }
    }
}
