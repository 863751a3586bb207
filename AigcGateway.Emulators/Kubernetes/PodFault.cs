namespace AigcGateway.Emulators.Kubernetes;

/// <summary>What goes wrong with the pods of one template (set through <see cref="KubernetesEmulatorFaults"/>).</summary>
internal sealed record PodFault
{
    public string? UnschedulableResource { get; init; }

    public bool ImagePullFailure { get; init; }

    public int? CrashExitCode { get; init; }

    public TimeSpan ExtraStartDelay { get; init; }
}
