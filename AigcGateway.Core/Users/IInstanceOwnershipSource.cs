namespace AigcGateway.Core.Users;

/// <summary>Supplied by the lifecycle: the current ownership records (from the watch-fed cache).</summary>
public interface IInstanceOwnershipSource
{
    /// <summary>The current snapshot, or null while the cache has not completed its first list.</summary>
    ValueTask<InstanceOwnershipSnapshot?> GetAsync(CancellationToken cancellationToken);
}
