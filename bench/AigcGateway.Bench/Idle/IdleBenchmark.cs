using System.Diagnostics;
using AigcGateway.Bench.Idle;

namespace AigcGateway.Bench;

/// <summary>
/// 7: a simulated day of 200 users through three idle policies on a fake clock (<see cref="IdleDay"/>): idle GPU-hours
/// left running, busy instances wrongly paused, pauses and interruptions per policy, and the goals of issue #13.
/// </summary>
internal static class IdleBenchmark
{
    private const string Name = "7. idle auto-pause (simulated day)";

    public static void Run(Report report, int? seed)
    {
        var options = new IdleDayOptions { Seed = seed ?? new IdleDayOptions().Seed };
        Console.WriteLine($"\n7. idle auto-pause: {options.Users} users, 24 h from {options.Start:HH:mm}, seed {options.Seed} (bench/run.sh idle --seed N repeats another day)");
        var watch = Stopwatch.StartNew();
        var day = IdleDay.Run(options);
        report.Add(new Figure(Name, "simulated in", Measure.Ms(watch.Elapsed.TotalMilliseconds)));
        foreach (var policy in new[] { day.NoPolicy, day.Culler, day.Gateway })
        {
            report.Add(new Figure(Name, $"{policy.Policy}: running / idle GPU-hours", $"{Measure.Number(policy.RunningGpuHours, "0.0")} / {Measure.Number(policy.IdleGpuHours, "0.0")} h ({Measure.Number(100 * IdleDayResult.IdleShare(policy, day.NoPolicy), "0.0")} % of no policy)"));
            report.Add(new Figure(Name, $"{policy.Policy}: pauses / busy paused / interruptions", $"{policy.Pauses} / {policy.BusyPaused} / {policy.Interruptions}"));
        }

        report.Add(new Figure(Name, "gateway: pauses within 5 min of a start / Keep running after a warning", $"{day.Gateway.PausedRightAfterStart} / {day.Gateway.WarningsHeeded}"));
        report.Add(new Figure(Name, "gateway: idle GPU-hours vs no policy", Measure.Number(100 * IdleDayResult.IdleShare(day.Gateway, day.NoPolicy), "0.0") + " %", "<= 10 %", day.GatewayIdleGoalMet));
        report.Add(new Figure(Name, "gateway: busy instances paused", day.Gateway.BusyPaused.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", day.GatewayBusyGoalMet));
        Console.WriteLine($"  the traffic-only culler: {Measure.Number(100 * IdleDayResult.IdleShare(day.Culler, day.NoPolicy), "0.0")} % of the idle GPU-hours ({(IdleDayResult.IdleShare(day.Culler, day.NoPolicy) > 0.10 ? "misses" : "meets")} the 10 % goal), {day.Culler.BusyPaused} busy instances paused ({(day.Culler.BusyPaused > 0 ? "misses" : "meets")} the 0 goal)");
    }
}
