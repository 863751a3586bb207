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

    /// <summary>Per template, the ids for which an instance exists (a GameServer, or a reserved id holding data). Only those can be adopted.</summary>
    public IReadOnlyDictionary<TemplateRef, ExistingInstanceIds> Existing { get; init; } = ImmutableDictionary<TemplateRef, ExistingInstanceIds>.Empty;

    /// <summary>Per template, the users whose Logto entry may be out of date (durable mirror marks): user id -> since.</summary>
    public IReadOnlyDictionary<TemplateRef, ImmutableDictionary<string, string>> Marks { get; init; } =
        ImmutableDictionary<TemplateRef, ImmutableDictionary<string, string>>.Empty;

    /// <summary>Per template, the resourceVersion of the GameServerSet these owners were read from.</summary>
    public IReadOnlyDictionary<TemplateRef, string> Versions { get; init; } = ImmutableDictionary<TemplateRef, string>.Empty;

    /// <summary>An instance exists for the id (see <see cref="ExistingInstanceIds"/>). Only such ids can be adopted.</summary>
    public bool InstanceExists(InstanceRef instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Existing.TryGetValue(instance.Template, out var ids) && ids.Contains(instance.Id);
    }

    /// <summary>Whether this snapshot shows the template at least as new as <paramref name="resourceVersion"/> (e.g. the answer to the gateway's own write).</summary>
    public bool IncludesVersion(TemplateRef template, string resourceVersion) =>
        Versions.TryGetValue(template, out var seen) && ResourceVersions.AtLeast(seen, resourceVersion);

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
