using System.Collections.Immutable;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Computes the single GameServerSet write of each operation from the state it is based on (pure; no I/O).
/// Every write keeps the invariant OKG relies on: the id meant to be created is the lowest id neither running nor reserved.
/// </summary>
public static class LifecyclePlanner
{
    /// <summary>Ids that have, or are about to get, a GameServer: existing GameServers and owned ids that are not reserved.</summary>
    public static ImmutableSortedSet<int> Occupied(TemplateState state, IEnumerable<int> gameServerIds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(gameServerIds);
        return gameServerIds.Concat(state.Owners.Keys)
            .Where(id => !state.Reserved.Contains(id))
            .ToImmutableSortedSet();
    }

    /// <summary>The id the user owns in this template, if any.</summary>
    public static int? OwnedBy(TemplateState state, string userId)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var (id, owner) in state.Owners)
        {
            if (string.Equals(owner, userId, StringComparison.Ordinal))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Install: one more replica, and the lowest free id recorded for the user.</summary>
    public static (int Id, TemplateWrite Write) Install(TemplateState state, IEnumerable<int> gameServerIds, string userId)
    {
        var occupied = Occupied(state, gameServerIds);
        var id = IdAllocator.NextId(occupied, state.Reserved);
        return (id, new TemplateWrite(state.Replicas + 1, state.Reserved, state.Owners.SetItem(id, userId), state.ReserveFormat));
    }

    /// <summary>Pause: one replica less and the id reserved, so OKG deletes exactly that GameServer and keeps its PVC.</summary>
    public static TemplateWrite Pause(TemplateState state, int id)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new TemplateWrite(Math.Max(0, state.Replicas - 1), state.Reserved.Add(id), state.Owners, state.ReserveFormat);
    }

    /// <summary>
    /// Recover: one more replica and the id released. Free ids below it are reserved in the same write,
    /// so the id OKG creates (the lowest free one) is this one and the user's PVC is mounted again.
    /// </summary>
    public static TemplateWrite Recover(TemplateState state, IEnumerable<int> gameServerIds, int id)
    {
        var occupied = Occupied(state, gameServerIds);
        var reserved = state.Reserved.Remove(id);
        for (var lower = 0; lower < id; lower++)
        {
            if (!occupied.Contains(lower) && !reserved.Contains(lower))
            {
                reserved = reserved.Add(lower);
            }
        }

        return new TemplateWrite(state.Replicas + 1, reserved, state.Owners, state.ReserveFormat);
    }

    /// <summary>
    /// Releases an uninstalled id: the owner entry is removed; the id leaves the reserve list only when its data volumes
    /// are gone, so an id whose PVC may still exist is never given to anyone else.
    /// </summary>
    public static TemplateWrite Release(TemplateState state, int id, bool dataVolumesGone)
    {
        ArgumentNullException.ThrowIfNull(state);
        var reserved = dataVolumesGone ? state.Reserved.Remove(id) : state.Reserved.Add(id);
        return new TemplateWrite(state.Replicas, reserved, state.Owners.Remove(id), state.ReserveFormat);
    }

    /// <summary>
    /// When OKG created other ids than recorded (older OKG, or a concurrent writer), pairs each recorded id that will not
    /// appear with an unrecorded GameServer. Only once OKG has settled: as many GameServers as replicas.
    /// </summary>
    public static ImmutableArray<(int Recorded, int Actual)> Corrections(TemplateState state, IReadOnlyCollection<int> gameServerIds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(gameServerIds);
        if (gameServerIds.Count != state.Replicas)
        {
            return [];
        }

        var running = gameServerIds.ToHashSet();
        var missing = state.Owners.Keys.Where(id => !state.Reserved.Contains(id) && !running.Contains(id)).Order().ToList();
        var extra = gameServerIds.Where(id => !state.Owners.ContainsKey(id) && !state.Reserved.Contains(id)).Order().ToList();
        return [.. missing.Zip(extra)];
    }

    /// <summary>Moves the owner of each recorded id to the id OKG actually created.</summary>
    public static TemplateWrite Correct(TemplateState state, IEnumerable<(int Recorded, int Actual)> corrections)
    {
        ArgumentNullException.ThrowIfNull(state);
        var owners = state.Owners;
        foreach (var (recorded, actual) in corrections)
        {
            var owner = owners[recorded];
            owners = owners.Remove(recorded).SetItem(actual, owner);
        }

        return new TemplateWrite(state.Replicas, state.Reserved, owners, state.ReserveFormat);
    }
}
