namespace AigcGateway.Core.Instances;

/// <summary>
/// Whether reserved ids without an owner record may be released. Ownership that exists only outside Kubernetes (a
/// paused instance of the earlier gateway, owned in Logto's customData until adoption) must be adopted first.
/// </summary>
public interface IReleaseGate
{
    /// <summary>True once adoption has completed at least once.</summary>
    bool IsOpen { get; }

    /// <summary>True when the id must stay reserved whatever the cluster says (an adoption conflict names it).</summary>
    bool Holds(InstanceRef instance);
}
