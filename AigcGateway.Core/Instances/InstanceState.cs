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
}
