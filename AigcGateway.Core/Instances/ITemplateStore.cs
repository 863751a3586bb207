using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>The lifecycle's writes to the cluster (implemented over the Kubernetes API; faked in unit tests).</summary>
internal interface ITemplateStore
{
    /// <summary>Reads the GameServerSet from the API server; null when it does not exist.</summary>
    Task<TemplateState?> ReadAsync(TemplateRef template, CancellationToken cancellationToken);

    /// <summary>
    /// One update of the GameServerSet (the change applied to the object <paramref name="basis"/> was read from) carrying <paramref name="basis"/>'s resourceVersion.
    /// Throws <see cref="ClusterConflictException"/> on 409, <see cref="ClusterException"/> on other failures.
    /// </summary>
    Task<TemplateState> WriteAsync(TemplateState basis, TemplateChange change, CancellationToken cancellationToken);

    /// <summary>Deletes the instance's pod (OKG recreates it); a missing pod is not an error.</summary>
    Task DeletePodAsync(InstanceRef instance, CancellationToken cancellationToken);

    /// <summary>Deletes a PVC; returns true when it no longer exists (false while it is still terminating).</summary>
    Task<bool> DeleteVolumeAsync(string @namespace, string name, CancellationToken cancellationToken);
}
