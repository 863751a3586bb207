namespace AigcGateway.Core.Diagnostics;

/// <summary>What a container status says: current waiting/terminated reason, the last termination's exit code, restarts.</summary>
public sealed record ContainerObservation(
    string Name,
    bool Ready,
    int RestartCount,
    string? WaitingReason = null,
    string? WaitingMessage = null,
    string? TerminatedReason = null,
    int? ExitCode = null);
