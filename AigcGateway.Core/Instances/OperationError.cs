namespace AigcGateway.Core.Instances;

/// <summary>Why an operation was refused or failed; the UI turns each into a localised message.</summary>
public enum OperationError
{
    /// <summary>The gateway has not finished reading the cluster yet; try again in a moment.</summary>
    NotReady,

    /// <summary>The template is not in the catalog (unknown, filtered out or deleted).</summary>
    TemplateNotFound,

    /// <summary>The template does not follow the conventions (see its conformance problems).</summary>
    TemplateNotInstallable,

    /// <summary>The user has no instance there.</summary>
    NotInstalled,

    /// <summary>The instance belongs to someone else.</summary>
    NotOwner,

    /// <summary>The instance is paused; recover it first.</summary>
    NotRunning,

    /// <summary>Too many concurrent changes to the template; try again.</summary>
    Busy,

    /// <summary>The Kubernetes API failed or refused the change.</summary>
    ClusterError,

    /// <summary>
    /// The instance has an owner record but neither a GameServer nor a reserved id (e.g. carried over from the earlier
    /// gateway for an id that never existed): nothing to pause, recover or uninstall; remove the record instead.
    /// </summary>
    InstanceMissing,

    /// <summary>The change would have stopped, started or re-assigned someone else's instance, so it was not made.</summary>
    AffectsOthers,

    /// <summary>Remove was asked for an instance that exists (again): nothing was removed.</summary>
    InstanceExists,

    /// <summary>Keep running was asked for an instance whose template never pauses instances automatically.</summary>
    IdleNotGoverned,

    /// <summary>Keep running was asked for zero or a negative time.</summary>
    KeepRunningInvalid,

    /// <summary>Keep running was asked for longer than the template allows (<c>aigc-gateway.io/max-keep-running</c>).</summary>
    KeepRunningTooLong,
}
