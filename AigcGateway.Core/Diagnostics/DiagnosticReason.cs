namespace AigcGateway.Core.Diagnostics;

/// <summary>The one plain reason shown to a user when an instance is not running as it should.</summary>
public enum DiagnosticReason
{
    /// <summary>No node has a free GPU of the kind the template asks for.</summary>
    NoFreeGpu,

    /// <summary>Not enough CPU or memory on any node.</summary>
    NoFreeCapacity,

    ImageCannotBePulled,
    VolumeCannotBeMounted,

    /// <summary>The container keeps exiting; <see cref="InstanceDiagnostic.ExitCode"/> holds the last exit code.</summary>
    Crashing,

    NetworkNotReady,

    /// <summary>Starting for longer than expected; <see cref="InstanceDiagnostic.Elapsed"/> holds how long.</summary>
    SlowStart,

    /// <summary>A gateway operation failed (e.g. deleting a data volume); the instance stays listed and can be retried.</summary>
    OperationFailed,

    /// <summary>The id OKG created differs from the one recorded; the record was corrected.</summary>
    IdCorrected,

    Unknown,
}
