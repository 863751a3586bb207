using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Idle;

namespace AigcGateway.Core.Instances;

/// <summary>A user's instance of a template, as derived from the cluster and the ownership record.</summary>
public sealed record Instance
{
    public required InstanceRef Ref { get; init; }

    /// <summary>The owner's Logto user id.</summary>
    public required string Owner { get; init; }

    public required InstanceState State { get; init; }

    /// <summary>Where the user opens the instance; set once the network is ready.</summary>
    public Uri? Url { get; init; }

    /// <summary>Why the instance is failed or slow, with a next step; null when all is well.</summary>
    public InstanceDiagnostic? Diagnostic { get; init; }

    public DateTimeOffset? Created { get; init; }

    /// <summary>
    /// The latest activity: this replica's forward-auth stamps and the persisted <c>aigc-gateway.io/last-active</c>
    /// (every replica's stamps and measured GPU/CPU use), whichever is later.
    /// </summary>
    public DateTimeOffset? LastActivity { get; init; }

    /// <summary>For a running instance: the idle policy's view (pauses at, keep-running); null in other states.</summary>
    public IdleStatus? Idle { get; init; }

    /// <summary>For a paused instance the gateway paused because it was idle: when and why; null otherwise.</summary>
    public AutoPauseRecord? AutoPause { get; init; }

    /// <summary>How far starting has come (from the pod and GameServer); null before either exists.</summary>
    public StartupFacts? Startup { get; init; }
}
