namespace AigcGateway.Core.Instances;

/// <summary>Where an instance is in its lifecycle, as a user sees it.</summary>
public enum InstanceState
{
    NotInstalled,
    Installing,
    Starting,
    Running,
    Pausing,
    Paused,
    Recovering,
    Restarting,
    Uninstalling,

    /// <summary>Something is wrong; <see cref="Instance.Diagnostic"/> says what and what to do.</summary>
    Failed,

    /// <summary>
    /// Only a record is left: the id has no GameServer, is not reserved and is not about to be created (e.g. an entry
    /// carried over from the earlier gateway for an instance that no longer exists). The owner can only remove it.
    /// </summary>
    Missing,
}
