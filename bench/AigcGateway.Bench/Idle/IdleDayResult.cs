namespace AigcGateway.Bench.Idle;

/// <summary>The three policies over the same day, and the goals of issue #13.</summary>
internal sealed record IdleDayResult(IdleDayOptions Options, PolicyOutcome NoPolicy, PolicyOutcome Culler, PolicyOutcome Gateway)
{
    /// <summary>The share of the idle GPU-hours left running without a policy that a policy still leaves.</summary>
    public static double IdleShare(PolicyOutcome policy, PolicyOutcome none) =>
        none.IdleGpuHours == 0 ? 0 : policy.IdleGpuHours / none.IdleGpuHours;

    /// <summary>Goal: the gateway's policy leaves at most 10 % of the idle GPU-hours of no policy.</summary>
    public bool GatewayIdleGoalMet => IdleShare(Gateway, NoPolicy) <= 0.10;

    /// <summary>Goal: the gateway's policy pauses no instance whose GPU works.</summary>
    public bool GatewayBusyGoalMet => Gateway.BusyPaused == 0;

    public bool GoalsMet => GatewayIdleGoalMet && GatewayBusyGoalMet;
}
