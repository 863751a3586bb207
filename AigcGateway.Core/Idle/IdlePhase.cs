namespace AigcGateway.Core.Idle;

/// <summary>Where a running instance stands with the idle policy.</summary>
public enum IdlePhase
{
    /// <summary>The template has no idle timeout: never paused automatically.</summary>
    NotGoverned,

    /// <summary>Not running, starting, or being operated on: not paused now, whatever the clock says.</summary>
    Exempt,

    /// <summary>Running; pauses at <see cref="IdleDecision.PausesAt"/> unless used.</summary>
    Running,

    /// <summary>Less than <see cref="IdlePolicy.WarningWindow"/> before the pause: the user is warned.</summary>
    Warning,

    /// <summary>Due: pause it now.</summary>
    PauseNow,
}
