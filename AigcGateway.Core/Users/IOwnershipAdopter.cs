using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Users;

/// <summary>Supplied by the lifecycle: records an owner for an instance id found only in Logto (migration from the earlier gateway).</summary>
public interface IOwnershipAdopter
{
    /// <summary>
    /// Writes <paramref name="userId"/> as the owner of <paramref name="instance"/> in the GameServerSet's ownership
    /// record if that id has no owner yet. Returns false when the id is (now) owned by someone else or the template is gone.
    /// </summary>
    Task<bool> AdoptAsync(InstanceRef instance, string userId, CancellationToken cancellationToken);
}
