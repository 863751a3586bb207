using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>
/// The stage a starting instance is at, and whether it is stuck there: from the pod and GameServer facts when they
/// exist (a diagnostic marks the stage it is stuck at), else from the state
/// alone. Stages before <see cref="Current"/> are done, later ones are to come.
/// </summary>
public sealed record StartupProgress(StartupStage Current, bool Stuck)
{
    /// <summary>The progress of a starting instance; null when <paramref name="instance"/> is not starting.</summary>
    public static StartupProgress? Of(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!InstanceActions.IsStarting(instance.State) && instance.State != InstanceState.Failed)
        {
            return null;
        }

        var reason = instance.Diagnostic?.Reason;
        switch (reason)
        {
            case DiagnosticReason.NoFreeGpu or DiagnosticReason.NoFreeCapacity:
                return new(StartupStage.Scheduled, Stuck: true);
            case DiagnosticReason.ImageCannotBePulled:
                return new(StartupStage.ImagePulling, Stuck: true);
            case DiagnosticReason.VolumeCannotBeMounted:
                return new(StartupStage.ContainerStarted, Stuck: true);
            case DiagnosticReason.Crashing:
                return new(StartupStage.Ready, Stuck: true);
            case DiagnosticReason.NetworkNotReady:
                return new(StartupStage.NetworkReady, Stuck: false);
            default:
                break;
        }

        if (instance.State == InstanceState.Failed)
        {
            // failed for a reason unrelated to starting (e.g. an operation failed): no timeline
            return null;
        }

        // What the pod and GameServer say, when they exist: the first stage not reached yet is the current one.
        if (instance.Startup is { } facts)
        {
            var current = !facts.Scheduled ? StartupStage.Scheduled
                : !facts.ContainerStarted ? StartupStage.ImagePulling
                : !facts.Ready ? StartupStage.Ready
                : StartupStage.NetworkReady;
            return new(current, Stuck: false);
        }

        // Nothing created yet (Installing, Recovering, Restarting): the pod is (re)created and waits for a node.
        return instance.State == InstanceState.Starting
            ? new(StartupStage.ImagePulling, Stuck: false)
            : new(StartupStage.Scheduled, Stuck: false);
    }
}
