using AigcGateway.Core.Idle;
using AigcGateway.Core.Instances;

namespace AigcGateway.Tests.Dashboard;

/// <summary>Instances of the idle policy for the component tests: running with a pause ahead, and paused by the gateway.</summary>
internal static class IdleData
{
    /// <summary>Running Stable Diffusion that pauses at <paramref name="pausesAt"/> unless used (its template allows up to <paramref name="maxKeepRunning"/>).</summary>
    public static Instance Running(DateTimeOffset pausesAt, TimeSpan? maxKeepRunning = null, DateTimeOffset? keptUntil = null) =>
        DashboardData.RunningStableDiffusion with
        {
            Idle = new IdleStatus
            {
                Governed = true,
                LastActive = pausesAt - TimeSpan.FromHours(2),
                PausesAt = pausesAt,
                Warning = DashboardData.Now >= pausesAt - IdlePolicy.WarningWindow,
                KeepRunningUntil = keptUntil,
                MaxKeepRunning = maxKeepRunning ?? TimeSpan.FromHours(8),
            },
        };

    /// <summary>Running Stable Diffusion of a template without an idle timeout.</summary>
    public static Instance NotGoverned { get; } = DashboardData.RunningStableDiffusion with { Idle = new IdleStatus { Governed = false } };

    /// <summary>Paused by the gateway at 05:40 after two hours unused (last active 03:40, timeout 2 h), GPU idle then.</summary>
    public static Instance PausedWhenIdle { get; } = DashboardData.Instance(DashboardData.StableDiffusionRef, InstanceState.Paused) with
    {
        AutoPause = new AutoPauseRecord(
            DashboardData.Now.AddMinutes(-20),
            DashboardData.Now.AddMinutes(-140),
            TimeSpan.FromHours(2),
            new UsageSample(DashboardData.Now.AddMinutes(-20.5), 0, 0.01)),
    };
}
