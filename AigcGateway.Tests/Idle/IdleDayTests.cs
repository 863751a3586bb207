using AigcGateway.Bench.Idle;

namespace AigcGateway.Tests.Idle;

/// <summary>
/// The idle benchmark's simulation (bench/AigcGateway.Bench/Idle, linked): the real policy on a fake clock against a
/// traffic-only culler, on hand-made days and on a small generated one, so the suite guards the goals of #13.
/// </summary>
public sealed class IdleDayTests
{
    private static readonly IdleDayOptions Options = new() { Users = 20 };
    private static readonly DateTimeOffset Midnight = Options.Start - Options.Start.TimeOfDay;

    private static DateTimeOffset At(double hours) => Midnight.AddHours(hours);

    /// <summary>Works 9:00-10:00 (a request a minute), then the tab is closed or left open until the end of the day.</summary>
    private static ActivityTrace Worker(bool tabLeftOpen, Interval? job = null)
    {
        var session = new Interval(At(9), At(10));
        return new ActivityTrace
        {
            User = 0,
            Workday = session,
            Sessions = [session],
            Requests = [.. Enumerable.Range(0, 60).Select(m => At(9).AddMinutes(m))],
            TabOpen = [new Interval(At(9), tabLeftOpen ? Options.End : At(10))],
            Jobs = job is { } j ? [j] : [],
            GpuBusy = job is { } g ? [g] : [],
        };
    }

    private static PolicyOutcome Gateway(ActivityTrace trace) =>
        InstanceSimulation.Run(Options, trace, "gateway", clock => new GatewayRule(clock, Options.GatewayTimeout));

    private static PolicyOutcome Culler(ActivityTrace trace) =>
        InstanceSimulation.Run(Options, trace, "culler", _ => new TrafficCuller(Options.CullerTimeout));

    [Fact]
    public void A_long_job_with_the_tab_closed_is_not_paused_by_the_gateway_but_is_by_the_traffic_only_culler()
    {
        var trace = Worker(tabLeftOpen: false, job: new Interval(At(10), At(16)));

        var gateway = Gateway(trace);
        var culler = Culler(trace);

        gateway.BusyPaused.ShouldBe(0);
        gateway.Pauses.ShouldBe(1, "once the job is over and an hour has passed");
        culler.BusyPaused.ShouldBe(1);
    }

    [Fact]
    public void A_tab_left_open_over_night_is_paused_by_the_gateway_an_hour_after_the_last_use_but_never_by_the_culler()
    {
        var trace = Worker(tabLeftOpen: true);

        var gateway = Gateway(trace);
        var culler = Culler(trace);

        gateway.Pauses.ShouldBe(1);
        gateway.IdleAfterLeavingGpuHours.ShouldBeInRange(0.9, 1.1);
        culler.Pauses.ShouldBe(0);
        culler.IdleAfterLeavingGpuHours.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void Keep_running_postpones_the_gateways_pause_within_the_templates_maximum()
    {
        var trace = Worker(tabLeftOpen: false) with { KeepRunning = [(At(9.5), TimeSpan.FromHours(3))] };

        var gateway = Gateway(trace);

        gateway.IdleAfterLeavingGpuHours.ShouldBeInRange(2.4, 2.6, "kept until 12:30 instead of paused at 11:00");
        gateway.Pauses.ShouldBe(1);
    }

    [Fact]
    public void A_small_day_meets_the_goals_with_the_gateways_policy_and_the_traffic_only_culler_misses_both()
    {
        var day = IdleDay.Run(Options);

        day.Gateway.BusyPaused.ShouldBe(0);
        IdleDayResult.LeftRunningShare(day.Gateway, day.NoPolicy).ShouldBeLessThanOrEqualTo(0.10);
        day.GoalsMet.ShouldBeTrue();
        day.Gateway.PausedRightAfterStart.ShouldBe(0, "what a replica remembers from before a pause must not pause the recovered instance");
        day.Culler.BusyPaused.ShouldBeGreaterThan(0);
        IdleDayResult.LeftRunningShare(day.Culler, day.NoPolicy).ShouldBeGreaterThan(0.10);
        day.NoPolicy.Pauses.ShouldBe(0);
    }

    [Fact]
    public void The_same_seed_gives_the_same_day_and_another_seed_another()
    {
        IdleDay.Run(Options).ShouldBe(IdleDay.Run(Options));
        IdleDay.Run(Options with { Seed = Options.Seed + 1 }).NoPolicy.ShouldNotBe(IdleDay.Run(Options).NoPolicy);
    }
}
