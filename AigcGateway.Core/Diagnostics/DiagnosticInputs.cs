using System.Collections.Immutable;

namespace AigcGateway.Core.Diagnostics;

/// <summary>Everything known about one instance that diagnostics look at.</summary>
public sealed record DiagnosticInputs
{
    public PodObservation? Pod { get; init; }

    /// <summary>GameServer <c>status.currentState</c> (Creating, Ready, NotReady, Crash, ...).</summary>
    public string? GameServerState { get; init; }

    /// <summary>GameServer <c>status.networkStatus.currentNetworkState</c>; null when there is no network plugin.</summary>
    public string? NetworkState { get; init; }

    public ImmutableArray<ConditionObservation> GameServerConditions { get; init; } = [];

    /// <summary>Events whose involved object is the instance's pod or GameServer.</summary>
    public ImmutableArray<EventObservation> Events { get; init; } = [];

    /// <summary>When the instance (its pod or GameServer) was created.</summary>
    public DateTimeOffset? StartedAt { get; init; }
}
