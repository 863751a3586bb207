namespace AigcGateway.Core.Kubernetes;

/// <summary>
/// The Kubernetes calls the gateway makes (keep <see cref="KubernetesAccess"/> in step). Implemented over
/// KubernetesClient; faked in memory by the unit tests. Errors surface as <see cref="Instances.ClusterException"/>.
/// </summary>
internal interface IKubernetesApi
{
    /// <summary>T is GameServerSet, GameServer, V1Pod, Corev1Event or V1PersistentVolumeClaim according to <paramref name="kind"/>.</summary>
    Task<KubeList<T>> ListAsync<T>(WatchedKind kind, string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Watches from <paramref name="resourceVersion"/> with bookmarks; ends when the server closes the stream.</summary>
    IAsyncEnumerable<KubeEvent<T>> WatchAsync<T>(WatchedKind kind, string? @namespace, string? labelSelector, string resourceVersion, CancellationToken cancellationToken)
        where T : class;

    Task<GameServerSet?> ReadGameServerSetAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>PUT with the object's resourceVersion; 409 becomes <see cref="Instances.ClusterConflictException"/>.</summary>
    Task<GameServerSet> ReplaceGameServerSetAsync(GameServerSet gameServerSet, CancellationToken cancellationToken);

    /// <summary>
    /// PATCH of a GameServerSet without a resourceVersion: a JSON merge patch, or a JSON patch (RFC 6902, whose
    /// <c>test</c> operations make it conditional: a failed test is a <see cref="Instances.ClusterException"/>).
    /// </summary>
    Task PatchGameServerSetAsync(string @namespace, string name, string patch, bool jsonPatch, CancellationToken cancellationToken);

    Task DeletePodAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Deletes a PVC and checks it is gone (false while it is still terminating).</summary>
    Task<bool> DeletePersistentVolumeClaimAsync(string @namespace, string name, CancellationToken cancellationToken);
}
