using System.Collections.Immutable;

namespace AigcGateway.Core.Diagnostics;

/// <summary>
/// Turns pod phase, container reasons, GameServer conditions and recent Warning events into one plain reason.
/// What the pod and GameServer say now wins over events, which may describe a problem that is already over: first the
/// current state (unschedulable, image, volume, crash), then recent events (scheduling, image, volume), then network
/// and slow start. A pod that has been scheduled is never short of a GPU, whatever older events say.
/// </summary>
public static class Diagnoser
{
    /// <summary>Starting for longer than this is reported as a slow start.</summary>
    public static readonly TimeSpan DefaultSlowStart = TimeSpan.FromMinutes(5);

    /// <summary>Only Warning events newer than this are considered "recent".</summary>
    public static readonly TimeSpan RecentEventWindow = TimeSpan.FromMinutes(30);

    private static readonly string[] s_gpuResources = ["nvidia.com/gpu", "aliyun.com/gpu", "amd.com/gpu"];
    private static readonly string[] s_imageReasons = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "RegistryUnavailable"];

    /// <summary>Returns null when nothing is wrong (running, or starting within the expected time).</summary>
    public static InstanceDiagnostic? Diagnose(DiagnosticInputs inputs, DateTimeOffset now, TimeSpan? slowStart = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var pod = inputs.Pod ?? PodObservation.Empty;
        var warnings = inputs.Events
            .Where(e => e.IsWarning && (e.Time is null || now - e.Time <= RecentEventWindow))
            .OrderByDescending(e => e.Time ?? DateTimeOffset.MinValue)
            .ToImmutableArray();
        var running = IsRunning(inputs);
        var scheduled = IsScheduled(pod);

        // the state now: conditions and container reasons
        var diagnostic = running ? null : (scheduled ? null : Scheduling(SchedulingConditions(pod, inputs)))
            ?? ImageNow(pod)
            ?? VolumeNow(inputs);
        diagnostic ??= Crash(pod, inputs);

        // then recent events, which may be older than the current state
        if (diagnostic is null && !running)
        {
            diagnostic = (scheduled ? null : Scheduling(warnings.Where(e => e.Reason == "FailedScheduling").Select(e => e.Message)))
                ?? (HasPulledImages(pod) ? null : ImageEvent(warnings))
                ?? VolumeEvent(warnings)
                ?? Network(pod, inputs)
                ?? SlowStart(inputs, now, slowStart ?? DefaultSlowStart);
        }

        return diagnostic is null ? null : diagnostic with { RawEvents = warnings };
    }

    /// <summary>
    /// The scheduler has placed the pod: its PodScheduled condition is True, or the kubelet already runs it (a phase
    /// past Pending, a start time, container statuses).
    /// </summary>
    private static bool IsScheduled(PodObservation pod) =>
        pod.Conditions.Any(c => c.Type == "PodScheduled" && string.Equals(c.Status, "True", StringComparison.OrdinalIgnoreCase))
        || pod.Phase is "Running" or "Succeeded" or "Failed"
        || pod.StartTime is not null
        || !pod.Containers.IsDefaultOrEmpty;

    /// <summary>Every container has left the waiting state (it runs or ran): its image was pulled, whatever events say.</summary>
    private static bool HasPulledImages(PodObservation pod) =>
        !pod.Containers.IsDefaultOrEmpty && pod.Containers.All(c => c.WaitingReason is null);

    private static bool IsRunning(DiagnosticInputs inputs) =>
        string.Equals(inputs.GameServerState, "Ready", StringComparison.Ordinal)
        && (inputs.NetworkState is null || string.Equals(inputs.NetworkState, "Ready", StringComparison.Ordinal));

    private static IEnumerable<string> SchedulingConditions(PodObservation pod, DiagnosticInputs inputs) =>
        pod.Conditions.Where(c => c.Type == "PodScheduled" && c.IsFalse).Select(c => c.Message ?? string.Empty)
            .Concat(inputs.GameServerConditions.Where(c => c.IsFalse && c.Reason == "Unschedulable").Select(c => c.Message ?? string.Empty));

    private static InstanceDiagnostic? Scheduling(IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            var gpu = s_gpuResources.FirstOrDefault(r => message.Contains("Insufficient " + r, StringComparison.OrdinalIgnoreCase));
            if (gpu is not null)
            {
                return new InstanceDiagnostic(DiagnosticReason.NoFreeGpu, gpu);
            }

            if (message.Contains("Insufficient", StringComparison.OrdinalIgnoreCase))
            {
                return new InstanceDiagnostic(DiagnosticReason.NoFreeCapacity, message);
            }
        }

        return null;
    }

    private static InstanceDiagnostic? ImageNow(PodObservation pod)
    {
        var container = pod.Containers.FirstOrDefault(c => s_imageReasons.Contains(c.WaitingReason, StringComparer.Ordinal));
        return container is null ? null : new InstanceDiagnostic(DiagnosticReason.ImageCannotBePulled, container.WaitingMessage ?? container.WaitingReason);
    }

    private static InstanceDiagnostic? ImageEvent(ImmutableArray<EventObservation> warnings)
    {
        var ev = warnings.FirstOrDefault(e =>
            s_imageReasons.Contains(e.Reason, StringComparer.Ordinal)
            || (e.Reason == "Failed" && e.Message.Contains("pull", StringComparison.OrdinalIgnoreCase)));
        return ev is null ? null : new InstanceDiagnostic(DiagnosticReason.ImageCannotBePulled, ev.Message);
    }

    private static InstanceDiagnostic? VolumeNow(DiagnosticInputs inputs)
    {
        var condition = inputs.GameServerConditions.FirstOrDefault(c => c.Type == "PersistentVolumeNormal" && c.IsFalse);
        return condition is null ? null : new InstanceDiagnostic(DiagnosticReason.VolumeCannotBeMounted, condition.Message ?? condition.Reason);
    }

    private static InstanceDiagnostic? VolumeEvent(ImmutableArray<EventObservation> warnings)
    {
        var ev = warnings.FirstOrDefault(e => e.Reason is "FailedMount" or "FailedAttachVolume" or "ProvisioningFailed");
        return ev is null ? null : new InstanceDiagnostic(DiagnosticReason.VolumeCannotBeMounted, ev.Message);
    }

    private static InstanceDiagnostic? Crash(PodObservation pod, DiagnosticInputs inputs)
    {
        var crashing = pod.Containers.FirstOrDefault(c =>
            c.WaitingReason == "CrashLoopBackOff" || (c.TerminatedReason is not null && c.ExitCode is not 0 && !c.Ready));
        if (crashing is not null)
        {
            return new InstanceDiagnostic(DiagnosticReason.Crashing, crashing.Name, crashing.ExitCode);
        }

        if (pod.Phase == "Failed" || inputs.GameServerState == "Crash")
        {
            var last = pod.Containers.FirstOrDefault(c => c.ExitCode is not null);
            return new InstanceDiagnostic(DiagnosticReason.Crashing, last?.Name, last?.ExitCode);
        }

        return null;
    }

    private static InstanceDiagnostic? Network(PodObservation pod, DiagnosticInputs inputs)
    {
        var podReady = string.Equals(inputs.GameServerState, "Ready", StringComparison.Ordinal)
            || (pod.Phase == "Running" && !pod.Containers.IsDefaultOrEmpty && pod.Containers.All(c => c.Ready));
        return podReady && inputs.NetworkState is not null && inputs.NetworkState != "Ready"
            ? new InstanceDiagnostic(DiagnosticReason.NetworkNotReady, inputs.NetworkState)
            : null;
    }

    private static InstanceDiagnostic? SlowStart(DiagnosticInputs inputs, DateTimeOffset now, TimeSpan threshold)
    {
        var started = inputs.StartedAt ?? inputs.Pod?.StartTime;
        if (started is null)
        {
            return null;
        }

        var elapsed = now - started.Value;
        return elapsed > threshold ? new InstanceDiagnostic(DiagnosticReason.SlowStart, null, null, elapsed) : null;
    }
}
