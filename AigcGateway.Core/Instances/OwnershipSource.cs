using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;

namespace AigcGateway.Core.Instances;

/// <summary>The ownership records of the catalog, from the watch-fed cache (for the Logto mirror's reconciler).</summary>
internal sealed class OwnershipSource(SnapshotHub hub) : IInstanceOwnershipSource
{
    /// <summary>The ids of the template with an instance: present ones, and reserved ones whose data volume exists.</summary>
    public static ExistingInstanceIds Existing(ClusterSnapshot snapshot, TemplateState state)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(state);
        var present = OkgSettlement.Present(snapshot, state.Ref);
        if (state.Template.DataVolumeNames.IsDefaultOrEmpty)
        {
            return new ExistingInstanceIds(present, state.Reserved, null);
        }

        // "<volume claim template>-<gss>-<id>" in the template's namespace
        var withData = new HashSet<int>();
        var prefix = state.Ref.Namespace + "/";
        foreach (var volume in snapshot.Volumes)
        {
            if (!volume.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var claim in state.Template.DataVolumeNames)
            {
                var stem = $"{prefix}{claim}-{state.Ref.Name}-";
                if (volume.StartsWith(stem, StringComparison.Ordinal)
                    && int.TryParse(volume.AsSpan(stem.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    withData.Add(id);
                }
            }
        }

        return new ExistingInstanceIds(present, state.Reserved, withData);
    }

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
        return ValueTask.FromResult<InstanceOwnershipSnapshot?>(new InstanceOwnershipSnapshot(templates, owners)
        {
            Unreadable = snapshot.Templates.Values.Where(t => t.OwnershipUnreadable).Select(t => t.Ref).ToHashSet(),
            Existing = snapshot.Templates.ToDictionary(t => t.Key, t => Existing(snapshot, t.Value)),
            Versions = snapshot.Templates.ToDictionary(t => t.Key, t => t.Value.ResourceVersion),
            Marks = snapshot.Templates.ToDictionary(t => t.Key, t => t.Value.MirrorMarks),
        });
    }
}
