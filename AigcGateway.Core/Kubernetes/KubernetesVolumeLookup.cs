using System.Net;
using AigcGateway.Core.Instances;
using k8s;
using k8s.Autorest;

namespace AigcGateway.Core.Kubernetes;

/// <summary><see cref="IVolumeLookup"/> with one GET of the PVC by name (labels or the cache do not matter).</summary>
internal sealed class KubernetesVolumeLookup(IKubernetes client) : IVolumeLookup
{
    public async Task<bool> ExistsAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await client.CoreV1.ReadNamespacedPersistentVolumeClaimWithHttpMessagesAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (HttpOperationException ex)
        {
            throw new ClusterException($"read PVC {@namespace}/{name}: {(int)ex.Response.StatusCode} {ex.Response.ReasonPhrase}", ex) { StatusCode = (int)ex.Response.StatusCode };
        }
        catch (Exception ex) when (TransportErrors.IsTransport(ex, cancellationToken))
        {
            throw TransportErrors.Unreachable(ex, $"read PVC {@namespace}/{name}");
        }
    }
}
