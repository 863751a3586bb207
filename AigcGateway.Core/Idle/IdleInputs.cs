namespace AigcGateway.Core.Idle;

/// <summary>What the idle policy decides from, for one instance (all of it already read: the policy does no I/O).</summary>
public sealed record IdleInputs
{
    public required IdleSettings Settings { get; init; }

    /// <summary>Running (state Running and not starting); false for every other state.</summary>
    public required bool Running { get; init; }

    /// <summary>An operation is under way (a pending marker, a GameServer being deleted, an OKG opsState other than None).</summary>
    public bool BeingOperatedOn { get; init; }

    /// <summary>When it started running (the GameServer's creation): the baseline when nothing was ever recorded.</summary>
    public DateTimeOffset? RunningSince { get; init; }

    /// <summary>The latest forward-auth request seen by this replica (<see cref="Access.InstanceActivity"/>).</summary>
    public DateTimeOffset? StampedActivity { get; init; }

    /// <summary>The GameServer's <c>aigc-gateway.io/last-active</c> (every replica's stamps and measured use, persisted).</summary>
    public DateTimeOffset? PersistedActivity { get; init; }

    /// <summary>The latest measurement of the pod, busy or not; null when none was made (no Prometheus, or it failed).</summary>
    public UsageSample? LastSample { get; init; }

    /// <summary>The latest measurement that found the pod busy.</summary>
    public DateTimeOffset? LastBusy { get; init; }

    /// <summary>The GameServer's <c>aigc-gateway.io/keep-running-until</c>.</summary>
    public DateTimeOffset? KeepRunningUntil { get; init; }
}
