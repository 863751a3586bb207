using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Users;

/// <summary>Supplied by the lifecycle: records owners for instances found only in Logto (migration from the earlier gateway).</summary>
public interface IOwnershipAdopter
{
    /// <summary>
    /// Writes <paramref name="userId"/> as the owner of <paramref name="instance"/> in the GameServerSet's ownership
    /// record, only if the id has no owner yet and has a GameServer or is reserved (an instance exists to adopt).
    /// </summary>
    Task<AdoptionOutcome> AdoptAsync(InstanceRef instance, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// An administrator's decision: gives <paramref name="instance"/> to <paramref name="userId"/> even if another user
    /// owns it, provided the instance exists and the user owns no other id of the template. The previous owner's
    /// mirror entry is cleared and the new owner's written.
    /// </summary>
    Task<AdoptionOutcome> AssignAsync(InstanceRef instance, string userId, CancellationToken cancellationToken);
}
