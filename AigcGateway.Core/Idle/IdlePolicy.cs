using System.Collections.Immutable;

namespace AigcGateway.Core.Idle;

/// <summary>
/// The idle auto-pause policy (pure: no I/O, the time is an argument). An instance is paused when its template has an
/// idle timeout, it runs, nothing operates on it, no user postponement is in force and no source has seen it used for the
/// timeout. Used by the leader's pauses, the dashboards and the benchmark's simulation alike.
/// </summary>
public static class IdlePolicy
{
    /// <summary>How long before the pause the user is warned.</summary>
    public static readonly TimeSpan WarningWindow = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A measurement older than this does not vouch for the pod's idleness: with a meter configured, a due instance is held
    /// (shown as warned) until a fresh one finds it idle. Three checks' worth at the leader's 30 s period.
    /// </summary>
    public static readonly TimeSpan SampleMaxAge = TimeSpan.FromMinutes(2);

    public static IdleDecision Decide(IdleInputs inputs, DateTimeOffset now, bool usageMeasured = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!inputs.Settings.Governed)
        {
            return new IdleDecision(IdlePhase.NotGoverned);
        }

        var lastActive = LastActive(inputs);
        var keep = inputs.KeepRunningUntil > now ? inputs.KeepRunningUntil : null;
        if (!inputs.Running || inputs.BeingOperatedOn || lastActive is null)
        {
            return new IdleDecision(IdlePhase.Exempt) { LastActive = lastActive, KeepRunningUntil = keep, LastSample = inputs.LastSample };
        }

        var due = lastActive.Value + inputs.Settings.Timeout!.Value;
        if (inputs.KeepRunningUntil is { } until && until > due)
        {
            due = until;
        }

        var phase = now >= due ? IdlePhase.PauseNow : now >= due - WarningWindow ? IdlePhase.Warning : IdlePhase.Running;
        if (phase == IdlePhase.PauseNow && usageMeasured && !FreshIdleEvidence(inputs.LastSample, now))
        {
            // fail safe: no recent measurement, no pause (a busy GPU must never be paused for want of data)
            phase = IdlePhase.Warning;
        }

        return new IdleDecision(phase) { LastActive = lastActive, PausesAt = due, KeepRunningUntil = keep, LastSample = inputs.LastSample };
    }

    /// <summary>
    /// The latest activity of every source, never earlier than the start of the run: starting it is use, and what a replica
    /// remembers from before a pause (its stamps, its measurements) must not pause the recovered instance at once.
    /// </summary>
    public static DateTimeOffset? LastActive(IdleInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Max(Max(Max(inputs.StampedActivity, inputs.PersistedActivity), inputs.LastBusy), inputs.RunningSince);
    }

    /// <summary>The postponements a user may choose: 1 h, 2 h, ... up to <paramref name="maxKeepRunning"/> (just it when under an hour).</summary>
    public static ImmutableArray<TimeSpan> KeepRunningChoices(TimeSpan maxKeepRunning)
    {
        if (maxKeepRunning <= TimeSpan.Zero)
        {
            return [];
        }

        var hours = (int)Math.Floor(maxKeepRunning.TotalHours);
        return hours < 1 ? [maxKeepRunning] : [.. Enumerable.Range(1, hours).Select(h => TimeSpan.FromHours(h))];
    }

    /// <summary>Why a requested postponement is refused; null when it is allowed (positive and within the template's maximum).</summary>
    public static KeepRunningRefusal? ValidateKeepRunning(IdleSettings settings, TimeSpan requested)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Governed)
        {
            return KeepRunningRefusal.NotGoverned;
        }

        return requested <= TimeSpan.Zero ? KeepRunningRefusal.NotPositive
            : requested > settings.MaxKeepRunning ? KeepRunningRefusal.TooLong
            : null;
    }

    /// <summary>
    /// The keep-running-until to store: now + <paramref name="requested"/>, never earlier than what is already in force (two
    /// replicas or two tabs asking at once agree on the later one).
    /// </summary>
    public static DateTimeOffset KeepRunningUntil(DateTimeOffset now, TimeSpan requested, DateTimeOffset? current) =>
        Max(now + requested, current)!.Value;

    private static bool FreshIdleEvidence(UsageSample? sample, DateTimeOffset now) =>
        sample is { HasData: true } && now - sample.At <= SampleMaxAge;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
