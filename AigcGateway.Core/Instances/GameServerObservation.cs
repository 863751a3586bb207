using System.Collections.Immutable;
using AigcGateway.Core.Diagnostics;

namespace AigcGateway.Core.Instances;

/// <summary>The facts of one GameServer the gateway uses (independent of the Kubernetes model).</summary>
public sealed record GameServerObservation
{
    public required int Id { get; init; }

    /// <summary><c>metadata.uid</c>: tells a recreated GameServer from the one it replaced.</summary>
    public string? Uid { get; init; }

    public string? CurrentState { get; init; }

    public string? OpsState { get; init; }

    /// <summary><c>networkStatus.currentNetworkState</c>; null when the GameServer has no network status.</summary>
    public string? NetworkState { get; init; }

    public ImmutableArray<NetworkAddress> ExternalAddresses { get; init; } = [];

    public ImmutableArray<ConditionObservation> Conditions { get; init; } = [];

    /// <summary>The GameServer's copy of its pod's status.</summary>
    public PodObservation? PodStatus { get; init; }

    public DateTimeOffset? Created { get; init; }

    public bool Deleting { get; init; }

    /// <summary><c>aigc-gateway.io/last-active</c>: the latest activity any replica persisted.</summary>
    public DateTimeOffset? LastActive { get; init; }

    /// <summary><c>aigc-gateway.io/keep-running-until</c>: the user's postponement of the idle pause.</summary>
    public DateTimeOffset? KeepRunningUntil { get; init; }

    /// <summary>Running as the earlier gateway defined it: state Ready and network Ready (or no network plugin).</summary>
    public bool IsRunning =>
        string.Equals(CurrentState, "Ready", StringComparison.Ordinal)
        && (NetworkState is null || string.Equals(NetworkState, "Ready", StringComparison.Ordinal))
        && !Deleting;
}
