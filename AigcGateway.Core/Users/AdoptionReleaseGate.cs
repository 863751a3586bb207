using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Users;

/// <summary>
/// Reserved ids may be released once the Logto mirror has adopted the earlier gateway's entries (a paused legacy
/// instance is reserved and owned only in Logto until then), and never an id an adoption conflict names, nor any id of
/// a template whose entry could not be read.
/// </summary>
public sealed class AdoptionReleaseGate(UserMirrorReconciler reconciler) : IReleaseGate
{
    public bool IsOpen => reconciler.LastAdoption.Completed;

    public bool Holds(InstanceRef instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var key = CustomDataEntryCodec.KeyFor(instance.Template);
        return reconciler.LastAdoption.Conflicts.Any(c => c.Instance == instance || (c.Instance is null && c.Key == key));
    }
}
