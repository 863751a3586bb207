using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Idle;

/// <summary>
/// Writes one of the gateway's annotations on an instance's GameServer (<see cref="IdleAnnotations"/>): a JSON merge patch
/// of that key alone, without a resourceVersion, so it never conflicts with OKG's writes and loses nobody's change.
/// Callers check the snapshot's value first and only ever move a time forward.
/// </summary>
public interface IGameServerAnnotations
{
    /// <summary>Throws <see cref="ClusterException"/> when the API refuses or fails (404: the GameServer is gone).</summary>
    Task SetAsync(InstanceRef instance, string key, string value, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the annotation only while it still holds <paramref name="expected"/> (a JSON patch whose <c>test</c> guards the
    /// <c>replace</c>); false when another writer changed it first or the GameServer is gone.
    /// </summary>
    Task<bool> ReplaceAsync(InstanceRef instance, string key, string expected, string value, CancellationToken cancellationToken);
}
