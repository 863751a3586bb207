namespace AigcGateway.Core.Instances;

/// <summary>An operation this process started on an instance and whose effect is not visible in the cluster yet.</summary>
public enum PendingOperation
{
    Install,
    Pause,
    Recover,
    Restart,
    Uninstall,

    /// <summary>Uninstall finished; hides the released record until the cache sees the update.</summary>
    Uninstalled,
}
