using System.Diagnostics;
using System.Globalization;
using AigcGateway.Bench.Idle;

namespace AigcGateway.Bench;

/// <summary>
/// 7: a simulated day of 200 users through three idle policies on a fake clock (<see cref="IdleDay"/>): idle GPU-hours
/// left running, busy instances wrongly paused, pauses and interruptions per policy, and the goals of issue #13.
/// </summary>
internal static class IdleBenchmark
{
    private const string Name = "7. idle auto-pause (simulated day)";

    public static void Run(Report report, int? seed, TimeSpan? gatewayTimeout)
    {
        var defaults = new IdleDayOptions();
        var options = defaults with { Seed = seed ?? defaults.Seed, GatewayTimeout = gatewayTimeout ?? defaults.GatewayTimeout };
        Console.WriteLine($"\n7. idle auto-pause: {options.Users} users, 24 h from {options.Start:HH:mm}, seed {options.Seed} (bench/run.sh idle --seed N for another day, --timeout MINUTES for the gateway's)");
        var watch = Stopwatch.StartNew();
        var day = IdleDay.Run(options);
        report.Add(new Figure(Name, "simulated in", Measure.Ms(watch.Elapsed.TotalMilliseconds)));
        foreach (var policy in new[] { day.NoPolicy, day.Culler, day.Gateway })
        {
            report.Add(new Figure(Name, $"{policy.Policy}: GPU-hours running / idle", $"{Hours(policy.RunningGpuHours)} / {Hours(policy.IdleGpuHours)} ({Percent(IdleDayResult.IdleShare(policy, day.NoPolicy))})"));
            report.Add(new Figure(Name, $"{policy.Policy}: idle GPU-hours after the users left", $"{Hours(policy.IdleAfterLeavingGpuHours)} ({Percent(IdleDayResult.LeftRunningShare(policy, day.NoPolicy))})"));
            report.Add(new Figure(Name, $"{policy.Policy}: pauses / busy paused / interruptions", $"{policy.Pauses} / {policy.BusyPaused} / {policy.Interruptions}"));
        }

        report.Add(new Figure(Name, "gateway: Keep running after a warning / paused within 5 min of a start", $"{day.Gateway.WarningsHeeded} / {day.Gateway.PausedRightAfterStart}"));
        report.Add(new Figure(Name, "gateway: idle GPU-hours left running vs no policy", Percent(IdleDayResult.LeftRunningShare(day.Gateway, day.NoPolicy)), "<= 10 %", day.GatewayIdleGoalMet));
        report.Add(new Figure(Name, "gateway: busy instances paused", day.Gateway.BusyPaused.ToString(CultureInfo.InvariantCulture), "0", day.GatewayBusyGoalMet));
        var cullerShare = IdleDayResult.LeftRunningShare(day.Culler, day.NoPolicy);
        Console.WriteLine($"  the traffic-only culler: {Percent(cullerShare)} of the idle GPU-hours left running ({(cullerShare > 0.10 ? "misses" : "meets")} the 10 % goal), {day.Culler.BusyPaused} busy instances paused ({(day.Culler.BusyPaused > 0 ? "misses" : "meets")} the 0 goal)");
    }

    private static string Hours(double hours) => Measure.Number(hours, "0.0") + " h";

    private static string Percent(double share) => Measure.Number(100 * share, "0.0") + " %";
}
