using AigcGateway.Core.Diagnostics;

namespace AigcGateway.Core.Instances;

/// <summary>
/// How far a starting instance has come, read from its pod and GameServer: placed on a node, container running,
/// GameServer ready, network ready. The dashboard's startup timeline shows these.
/// </summary>
public sealed record StartupFacts(bool Scheduled, bool ContainerStarted, bool Ready, bool NetworkReady)
{
    /// <summary>The facts for an instance whose pod or GameServer exists; null when neither does yet.</summary>
    public static StartupFacts? From(GameServerObservation? gameServer, PodObservation? pod)
    {
        var status = pod ?? gameServer?.PodStatus;
        if (gameServer is null && status is null)
        {
            return null;
        }

        var running = string.Equals(status?.Phase, "Running", StringComparison.OrdinalIgnoreCase);
        var scheduled = running || status?.Conditions.Any(c =>
            string.Equals(c.Type, "PodScheduled", StringComparison.Ordinal) && string.Equals(c.Status, "True", StringComparison.OrdinalIgnoreCase)) == true;
        var ready = string.Equals(gameServer?.CurrentState, "Ready", StringComparison.Ordinal);
        var networkReady = string.Equals(gameServer?.NetworkState, "Ready", StringComparison.Ordinal);
        return new StartupFacts(scheduled, running || ready, ready, ready && networkReady);
    }
}
