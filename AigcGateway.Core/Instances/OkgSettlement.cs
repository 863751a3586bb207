using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Which ids OKG runs once it has acted on a GameServerSet (spec/okg.md, "IDs"): the present ids that are not reserved,
/// topped up with the lowest ids neither present nor reserved until there are <c>replicas</c>, or cut from the highest
/// id down when there are more. Pure; the lifecycle uses it to see what a write would do to everyone's instances.
/// </summary>
public static class OkgSettlement
{
    /// <summary>
    /// The ids of the template that have a GameServer, or a pod and an owner (a pod outlives its GameServer while it is
    /// deleted or replaced; unowned pods without a GameServer are not looked up, to keep this linear in the record).
    /// </summary>
    public static ImmutableSortedSet<int> Present(ClusterSnapshot snapshot, TemplateRef template)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(template);
        var ids = snapshot.GameServerIds(template).ToImmutableSortedSet().ToBuilder();
        if (snapshot.Templates.TryGetValue(template, out var state))
        {
            foreach (var id in state.Owners.Keys)
            {
                if (snapshot.Pods.ContainsKey(new InstanceRef(template, id)))
                {
                    ids.Add(id);
                }
            }
        }

        return ids.ToImmutable();
    }

    /// <summary>The ids OKG keeps or creates for <paramref name="replicas"/> and <paramref name="reserved"/>, given the present ids.</summary>
    public static ImmutableSortedSet<int> Running(int replicas, ReserveIdSet reserved, IEnumerable<int> present)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        ArgumentNullException.ThrowIfNull(present);
        var running = present.Where(id => !reserved.Contains(id)).ToImmutableSortedSet().ToBuilder();
        var wanted = Math.Max(0, replicas);
        while (running.Count > wanted)
        {
            running.Remove(running.Max);
        }

        if (running.Count < wanted)
        {
            var taken = running.ToImmutable();
            foreach (var id in IdAllocator.FreeIds(reserved, taken).Take(wanted - running.Count))
            {
                running.Add(id);
            }
        }

        return running.ToImmutable();
    }

    /// <summary>The ids OKG runs for the template's desired state (<see cref="Running(int, ReserveIdSet, IEnumerable{int})"/>).</summary>
    public static ImmutableSortedSet<int> Running(TemplateState state, IEnumerable<int> present)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Running(state.Replicas, state.Reserved, present);
    }

    /// <summary>
    /// Owned ids that have no GameServer or pod, are not reserved and are not among the ids OKG is about to create:
    /// records of instances that do not exist (a phantom), which no operation may scale or reserve.
    /// </summary>
    public static ImmutableSortedSet<int> MissingRecords(TemplateState state, IReadOnlyCollection<int> present)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(present);
        var running = Running(state, present);
        return [.. state.Owners.Keys.Where(id => !state.Reserved.Contains(id) && !running.Contains(id) && !present.Contains(id))];
    }
}
