namespace AigcGateway.Core.Idle;

/// <summary>
/// The idle policy's answer for one instance at one moment: the phase, when it was last active, when it pauses unless
/// used, and (for <see cref="IdlePhase.PauseNow"/>) the facts behind it.
/// </summary>
public sealed record IdleDecision(IdlePhase Phase)
{
    /// <summary>The latest activity of every source (null: never used since it started, and its start is unknown).</summary>
    public DateTimeOffset? LastActive { get; init; }

    /// <summary>When it pauses unless used (null when it never does or is exempt now).</summary>
    public DateTimeOffset? PausesAt { get; init; }

    /// <summary>The user's postponement, when it is still in force.</summary>
    public DateTimeOffset? KeepRunningUntil { get; init; }

    /// <summary>The latest measurement of the pod (what was measured when it was found idle).</summary>
    public UsageSample? LastSample { get; init; }

    public bool Governed => Phase != IdlePhase.NotGoverned;
}
