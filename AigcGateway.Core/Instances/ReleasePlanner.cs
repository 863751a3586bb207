using System.Collections.Immutable;
using System.Globalization;
using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Instances;

/// <summary>
/// Which reserved ids nothing holds any more (pure): no owner record, no GameServer, no pod and no PVC of that id (a
/// Terminating PVC is still there), not held by the gate, and only while OKG has settled on the template, so a release
/// never races the ids it is about to create.
/// </summary>
public static class ReleasePlanner
{
    public static ImmutableArray<int> Leaked(TemplateState state, ClusterSnapshot snapshot, IReleaseGate gate)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(gate);
        if (!gate.IsOpen || !state.Template.IsInstallable || state.Reserved.IsEmpty || !Settled(state, snapshot))
        {
            return [];
        }

        var withVolumes = IdsWithVolumes(state.Ref, snapshot);
        var leaked = ImmutableArray.CreateBuilder<int>();
        foreach (var range in state.Reserved.Ranges)
        {
            for (var id = range.Start; id <= range.End && id >= range.Start; id++)
            {
                var instance = new InstanceRef(state.Ref, id);
                if (!state.Owners.ContainsKey(id)
                    && snapshot.GameServer(instance) is null
                    && !snapshot.Pods.ContainsKey(instance)
                    && !withVolumes.Contains(id)
                    && !gate.Holds(instance))
                {
                    leaked.Add(id);
                }
            }
        }

        return leaked.ToImmutable();
    }

    /// <summary>
    /// OKG has done what the spec asks: as many GameServers as replicas, each owned id that is not reserved among them.
    /// (After a recover, free ids below it are reserved so OKG creates that id; releasing them before it did would let
    /// OKG pick a lower one.)
    /// </summary>
    public static bool Settled(TemplateState state, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(snapshot);
        var ids = snapshot.GameServerIds(state.Ref);
        return ids.Length == state.Replicas
            && state.Owners.Keys.Where(id => !state.Reserved.Contains(id)).All(ids.Contains);
    }

    /// <summary>Ids with any PVC <c>*-&lt;gss&gt;-&lt;id&gt;</c> in the template's namespace, whichever volume claim template named it.</summary>
    private static HashSet<int> IdsWithVolumes(TemplateRef template, ClusterSnapshot snapshot)
    {
        var prefix = template.Namespace + "/";
        var infix = "-" + template.Name + "-";
        var ids = new HashSet<int>();
        foreach (var volume in snapshot.Volumes)
        {
            if (!volume.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var at = volume.LastIndexOf(infix, StringComparison.Ordinal);
            if (at > prefix.Length
                && int.TryParse(volume.AsSpan(at + infix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}
