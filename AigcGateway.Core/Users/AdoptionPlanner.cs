using System.Collections.Immutable;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>
/// Decides which Logto entries (written by the earlier gateway) become ownership records. Pure: it never guesses;
/// anything doubtful becomes a conflict for administrators.
/// </summary>
public static class AdoptionPlanner
{
    /// <param name="instanceExists">Whether an instance exists for an id (a GameServer, or a reserved id): only those are adopted.</param>
    public static AdoptionPlan Plan(
        IEnumerable<UserCustomDataEntries> users,
        IReadOnlyDictionary<TemplateRef, IReadOnlyDictionary<int, string>> owners,
        IReadOnlySet<TemplateRef> catalog,
        Func<InstanceRef, bool> instanceExists,
        IReadOnlySet<TemplateRef>? unreadable = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(instanceExists);
        var conflicts = ImmutableArray.CreateBuilder<AdoptionConflict>();
        var candidates = new List<(string UserId, CustomDataEntry Entry)>();

        foreach (var user in users)
        {
            foreach (var bad in user.Entries.Malformed)
            {
                conflicts.Add(new AdoptionConflict(user.UserId, bad.Key, null, AdoptionConflictKind.Malformed, $"{bad.Problem}: {bad.RawValue}"));
            }

            foreach (var group in user.Entries.Entries.GroupBy(e => e.Instance.Template))
            {
                var distinct = group.DistinctBy(e => e.Instance.Id).ToList();
                if (distinct.Count > 1)
                {
                    var ids = string.Join(", ", distinct.Select(e => e.Instance.Id));
                    conflicts.AddRange(group.Select(e => new AdoptionConflict(user.UserId, e.Key, e.Instance,
                        AdoptionConflictKind.AmbiguousEntries, $"entries for {group.Key} name different ids ({ids})")));
                    continue;
                }

                var entry = group.First();
                var template = entry.Instance.Template;
                if (!catalog.Contains(template))
                {
                    conflicts.Add(new AdoptionConflict(user.UserId, entry.Key, entry.Instance, AdoptionConflictKind.TemplateGone,
                        $"template {template} is not in the catalog"));
                    continue;
                }

                if (unreadable?.Contains(template) == true)
                {
                    conflicts.Add(new AdoptionConflict(user.UserId, entry.Key, entry.Instance, AdoptionConflictKind.OwnershipRecordUnreadable,
                        $"the ownership record of {template} cannot be read; an administrator must repair it first"));
                    continue;
                }

                var record = owners.TryGetValue(template, out var found) ? found : ImmutableDictionary<int, string>.Empty;
                if (record.TryGetValue(entry.Instance.Id, out var owner))
                {
                    if (owner != user.UserId)
                    {
                        conflicts.Add(new AdoptionConflict(user.UserId, entry.Key, entry.Instance, AdoptionConflictKind.IdOwnedByOtherUser,
                            $"id {entry.Instance.Id} of {template} belongs to user {owner}"));
                    }

                    continue;
                }

                var ownIds = record.Where(o => o.Value == user.UserId).Select(o => o.Key).Order().ToList();
                if (ownIds.Count > 0)
                {
                    conflicts.Add(new AdoptionConflict(user.UserId, entry.Key, entry.Instance, AdoptionConflictKind.UserOwnsOtherInstance,
                        $"the user already owns id {string.Join(", ", ownIds)} of {template}"));
                    continue;
                }

                if (!instanceExists(entry.Instance))
                {
                    conflicts.Add(new AdoptionConflict(user.UserId, entry.Key, entry.Instance, AdoptionConflictKind.Missing,
                        $"id {entry.Instance.Id} of {template} has neither a GameServer nor a reservation"));
                    continue;
                }

                candidates.Add((user.UserId, entry));
            }
        }

        var adoptions = ImmutableArray.CreateBuilder<AdoptAction>();
        foreach (var claim in candidates.GroupBy(c => c.Entry.Instance))
        {
            var claimants = claim.Select(c => c.UserId).Distinct().ToList();
            if (claimants.Count > 1)
            {
                conflicts.AddRange(claim.Select(c => new AdoptionConflict(c.UserId, c.Entry.Key, c.Entry.Instance,
                    AdoptionConflictKind.ClaimedByOtherUserToo, $"users {string.Join(", ", claimants)} all claim {claim.Key}")));
                continue;
            }

            adoptions.Add(new AdoptAction(claimants[0], claim.Key));
        }

        return new AdoptionPlan(adoptions.ToImmutable(), conflicts.ToImmutable());
    }

    /// <summary>Same as <see cref="Plan(IEnumerable{UserCustomDataEntries}, IReadOnlyDictionary{TemplateRef, IReadOnlyDictionary{int, string}}, IReadOnlySet{TemplateRef}, Func{InstanceRef, bool}, IReadOnlySet{TemplateRef})"/> over a snapshot.</summary>
    public static AdoptionPlan Plan(IEnumerable<UserCustomDataEntries> users, InstanceOwnershipSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Plan(users, snapshot.Owners, snapshot.Templates, snapshot.InstanceExists, snapshot.Unreadable);
    }
}
