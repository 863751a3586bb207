namespace AigcGateway.Bench.Idle;

/// <summary>The three policies over the same day, and the goals of issue #13.</summary>
internal sealed record IdleDayResult(IdleDayOptions Options, PolicyOutcome NoPolicy, PolicyOutcome Culler, PolicyOutcome Gateway)
{
    /// <summary>
    /// The share of no policy's idle GPU-hours left running after the users left (what forgetting to press Pause costs)
    /// that a policy still leaves: the goal's measure.
    /// </summary>
    public static double LeftRunningShare(PolicyOutcome policy, PolicyOutcome none) =>
        Share(policy.IdleAfterLeavingGpuHours, none.IdleAfterLeavingGpuHours);

    /// <summary>The same share of all idle GPU-hours, the working day's own included (breaks, other work: no timeout reclaims most of them).</summary>
    public static double IdleShare(PolicyOutcome policy, PolicyOutcome none) => Share(policy.IdleGpuHours, none.IdleGpuHours);

    /// <summary>Goal: the gateway's policy leaves at most 10 % of the idle GPU-hours no policy leaves running.</summary>
    public bool GatewayIdleGoalMet => LeftRunningShare(Gateway, NoPolicy) <= 0.10;

    /// <summary>Goal: the gateway's policy pauses no instance whose GPU works.</summary>
    public bool GatewayBusyGoalMet => Gateway.BusyPaused == 0;

    public bool GoalsMet => GatewayIdleGoalMet && GatewayBusyGoalMet;

    private static double Share(double part, double whole) => whole == 0 ? 0 : part / whole;
}
