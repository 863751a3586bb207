using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>
/// The stage a starting instance is at, and whether it is stuck there. Derived from the state and the diagnostic
/// (Core does not report stages yet): stages before <see cref="Current"/> are done, later ones are to come.
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

        // Installing, Recovering and Restarting: the pod is (re)created and waits for a node; Starting: the GameServer
        // exists and nothing is wrong, so its pod was placed and is being prepared.
        return instance.State == InstanceState.Starting
            ? new(StartupStage.ImagePulling, Stuck: false)
            : new(StartupStage.Scheduled, Stuck: false);
    }
}
