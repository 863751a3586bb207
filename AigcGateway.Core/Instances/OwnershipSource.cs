using AigcGateway.Core.Users;

namespace AigcGateway.Core.Instances;

/// <summary>The ownership records of the catalog, from the watch-fed cache (for the Logto mirror's reconciler).</summary>
internal sealed class OwnershipSource(SnapshotHub hub) : IInstanceOwnershipSource
{
    public ValueTask<InstanceOwnershipSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = hub.Current;
        if (!snapshot.IsReady)
        {
            return ValueTask.FromResult<InstanceOwnershipSnapshot?>(null);
        }

        var templates = snapshot.Templates.Keys.ToHashSet();
        var owners = snapshot.Templates.ToDictionary(
            t => t.Key,
            t => (IReadOnlyDictionary<int, string>)t.Value.Owners);
        var unreadable = snapshot.Templates.Values.Where(t => t.OwnershipUnreadable).Select(t => t.Ref).ToHashSet();
        return ValueTask.FromResult<InstanceOwnershipSnapshot?>(new InstanceOwnershipSnapshot(templates, owners) { Unreadable = unreadable });
    }
}
