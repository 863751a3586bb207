using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>
/// The rule every GameServerSet write of the lifecycle obeys, whatever the operation: it may only change
/// <c>replicas</c> and <c>reserveGameServerIds</c> in ways that affect no owned instance other than by reserving it.
/// Concretely, with "running" the ids OKG runs once it has acted (<see cref="OkgSettlement"/>):
/// <list type="number">
/// <item>an owned id that runs before the write and not after it is reserved by the write (a pause, never a scale-down victim);</item>
/// <item>a missing record (owned, no GameServer, no reservation, not about to be created) neither starts running nor
/// changes its reservation: only its owner entry may be removed;</item>
/// <item>every owner the write adds or changes has a GameServer or a reservation after it (no new missing records).</item>
/// </list>
/// Pure; checked against the snapshot's present ids just before each write.
/// </summary>
public static class LifecycleInvariant
{
    /// <summary>The violation <paramref name="write"/> would cause when applied to <paramref name="basis"/>, or null.</summary>
    public static LifecycleViolation? Check(TemplateState basis, TemplateWrite write, IReadOnlyCollection<int> present)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(present);
        var before = OkgSettlement.Running(basis, present);
        var after = OkgSettlement.Running(write.Replicas, write.Reserved, present);

        var stopped = before.Where(id => !after.Contains(id) && basis.Owners.ContainsKey(id) && !write.Reserved.Contains(id)).ToImmutableArray();
        var missing = OkgSettlement.MissingRecords(basis, present)
            .Where(id => after.Contains(id) || write.Reserved.Contains(id)
                || (write.Owners.TryGetValue(id, out var owner) && owner != basis.Owners[id]))
            .ToImmutableArray();
        var phantom = write.Owners
            .Where(o => (!basis.Owners.TryGetValue(o.Key, out var old) || old != o.Value)
                && !after.Contains(o.Key) && !write.Reserved.Contains(o.Key))
            .Select(o => o.Key)
            .ToImmutableArray();
        return stopped.IsEmpty && missing.IsEmpty && phantom.IsEmpty ? null : new LifecycleViolation(stopped, missing, phantom);
    }
}
