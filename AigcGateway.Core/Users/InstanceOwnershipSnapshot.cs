using System.Collections.Immutable;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Users;

/// <summary>
/// The source of truth the mirror follows: the catalog's templates and, per template, the owner (Logto user id) of each
/// instance id, as recorded in the GameServerSets' ownership annotations.
/// </summary>
public sealed record InstanceOwnershipSnapshot(
    IReadOnlySet<TemplateRef> Templates,
    IReadOnlyDictionary<TemplateRef, IReadOnlyDictionary<int, string>> Owners)
{
    /// <summary>
    /// Templates whose ownership record cannot be read (they appear with no owners): the mirror neither adopts into them
    /// nor clears their users' entries, which may be the only other copy of who owned what.
    /// </summary>
    public IReadOnlySet<TemplateRef> Unreadable { get; init; } = ImmutableHashSet<TemplateRef>.Empty;

    /// <summary>The instance the user should have for each template (the lowest id if the record shows several).</summary>
    public ImmutableDictionary<TemplateRef, InstanceRef> DesiredFor(string userId)
    {
        var desired = ImmutableDictionary.CreateBuilder<TemplateRef, InstanceRef>();
        foreach (var (template, owners) in Owners)
        {
            if (!Templates.Contains(template))
            {
                continue;
            }

            var ids = owners.Where(o => o.Value == userId).Select(o => o.Key).ToList();
            if (ids.Count > 0)
            {
                desired[template] = new InstanceRef(template, ids.Min());
            }
        }

        return desired.ToImmutable();
    }
}
