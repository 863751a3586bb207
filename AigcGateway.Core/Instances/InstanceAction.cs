namespace AigcGateway.Core.Instances;

/// <summary>What can be done with a template's instance (which ones, per state: <see cref="AllowedActions"/>).</summary>
public enum InstanceAction
{
    Install,
    Visit,
    Pause,
    Recover,
    Restart,
    Uninstall,

    /// <summary>Drops the record of a missing instance (nothing exists to uninstall).</summary>
    Remove,
}
