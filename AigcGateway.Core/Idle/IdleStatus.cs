using System.Collections.Immutable;

namespace AigcGateway.Core.Idle;

/// <summary>What a running instance's card shows about the idle policy.</summary>
public sealed record IdleStatus
{
    /// <summary>The template pauses idle instances (false: the rest is informational only).</summary>
    public required bool Governed { get; init; }

    /// <summary>The latest activity known to every replica and this one (null: not known yet).</summary>
    public DateTimeOffset? LastActive { get; init; }

    /// <summary>When it pauses unless used (null: never, or not now: starting, being operated on).</summary>
    public DateTimeOffset? PausesAt { get; init; }

    /// <summary>From <see cref="IdlePolicy.WarningWindow"/> before <see cref="PausesAt"/>: show the warning and the countdown.</summary>
    public bool Warning { get; init; }

    /// <summary>The user's postponement in force, if any.</summary>
    public DateTimeOffset? KeepRunningUntil { get; init; }

    /// <summary>The template's longest postponement.</summary>
    public TimeSpan MaxKeepRunning { get; init; } = IdleSettings.DefaultMaxKeepRunning;

    /// <summary>The postponements offered (1 h, 2 h, ... up to <see cref="MaxKeepRunning"/>); empty when not governed.</summary>
    public ImmutableArray<TimeSpan> KeepRunningChoices => Governed ? IdlePolicy.KeepRunningChoices(MaxKeepRunning) : [];

    /// <summary>The card's view of <paramref name="decision"/>.</summary>
    public static IdleStatus From(IdleDecision decision, IdleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(settings);
        return new IdleStatus
        {
            Governed = decision.Governed,
            LastActive = decision.LastActive,
            PausesAt = decision.PausesAt,
            Warning = decision.Phase is IdlePhase.Warning or IdlePhase.PauseNow,
            KeepRunningUntil = decision.KeepRunningUntil,
            MaxKeepRunning = settings.MaxKeepRunning,
        };
    }
}
