using AigcGateway.Core.Idle;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Tests.Idle;

/// <summary>The pure idle policy, driven by a fake clock as the leader and the benchmark drive it.</summary>
public sealed class IdlePolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly IdleSettings TwoHours = new(TimeSpan.FromHours(2), TimeSpan.FromHours(8), 10);

    private readonly FakeTimeProvider _time = new(Start);

    private static IdleInputs Running(IdleSettings? settings = null) => new()
    {
        Settings = settings ?? TwoHours,
        Running = true,
        RunningSince = Start,
    };

    private IdleDecision Decide(IdleInputs inputs, bool measured = false) => IdlePolicy.Decide(inputs, _time.GetUtcNow(), measured);

    [Fact]
    public void A_template_without_a_timeout_is_not_governed_however_long_it_is_unused()
    {
        _time.Advance(TimeSpan.FromDays(3));

        var decision = Decide(Running(IdleSettings.Never));

        decision.Phase.ShouldBe(IdlePhase.NotGoverned);
        decision.PausesAt.ShouldBeNull();
    }

    [Fact]
    public void An_unused_instance_runs_then_is_warned_ten_minutes_before_then_is_due_at_the_timeout()
    {
        var inputs = Running();

        Decide(inputs).ShouldSatisfyAllConditions(
            d => d.Phase.ShouldBe(IdlePhase.Running),
            d => d.PausesAt.ShouldBe(Start.AddHours(2)),
            d => d.LastActive.ShouldBe(Start));
        _time.Advance(TimeSpan.FromMinutes(109));
        Decide(inputs).Phase.ShouldBe(IdlePhase.Running);
        _time.Advance(TimeSpan.FromMinutes(1));
        Decide(inputs).Phase.ShouldBe(IdlePhase.Warning);
        _time.Advance(TimeSpan.FromMinutes(10));
        Decide(inputs).Phase.ShouldBe(IdlePhase.PauseNow);
    }

    [Fact]
    public void The_latest_of_every_source_counts_as_the_last_activity()
    {
        _time.Advance(TimeSpan.FromHours(3));
        var inputs = Running() with
        {
            StampedActivity = Start.AddMinutes(30),
            PersistedActivity = Start.AddMinutes(50),
            LastBusy = Start.AddMinutes(70),
        };

        var decision = Decide(inputs);

        decision.LastActive.ShouldBe(Start.AddMinutes(70));
        decision.PausesAt.ShouldBe(Start.AddMinutes(190));
        decision.Phase.ShouldBe(IdlePhase.Warning);
    }

    [Fact]
    public void A_busy_gpu_with_no_traffic_keeps_the_instance_running()
    {
        _time.Advance(TimeSpan.FromHours(5));
        var now = _time.GetUtcNow();
        var inputs = Running() with { LastBusy = now.AddSeconds(-30), LastSample = new UsageSample(now.AddSeconds(-30), 95, 0.2) };

        Decide(inputs, measured: true).Phase.ShouldBe(IdlePhase.Running);
    }

    [Fact]
    public void Activity_from_before_the_current_run_does_not_count_so_a_recovered_instance_is_not_paused_at_once()
    {
        // paused at lunch, recovered at 14:00: this replica still remembers the morning's stamp and measured use
        _time.Advance(TimeSpan.FromHours(5));
        var now = _time.GetUtcNow();
        var inputs = Running() with
        {
            RunningSince = now.AddSeconds(-30),
            StampedActivity = Start.AddHours(2),
            LastBusy = Start.AddHours(2).AddMinutes(5),
            LastSample = new UsageSample(now, 1, 0.01),
        };

        Decide(inputs, measured: true).ShouldSatisfyAllConditions(
            d => d.Phase.ShouldBe(IdlePhase.Running),
            d => d.LastActive.ShouldBe(now.AddSeconds(-30)),
            d => d.PausesAt.ShouldBe(now.AddSeconds(-30).AddHours(2)));
    }

    [Theory]
    [InlineData(false, "no measurement")]
    [InlineData(true, "a stale measurement")]
    public void With_a_meter_configured_a_due_instance_is_not_paused_without_fresh_idle_evidence(bool stale, string because)
    {
        _time.Advance(TimeSpan.FromHours(3));
        var inputs = Running() with { LastSample = stale ? new UsageSample(_time.GetUtcNow().AddMinutes(-5), 0, 0) : null };

        Decide(inputs, measured: true).Phase.ShouldBe(IdlePhase.Warning, because);
        Decide(inputs with { LastSample = new UsageSample(_time.GetUtcNow().AddSeconds(-20), 0, 0.01) }, measured: true).Phase.ShouldBe(IdlePhase.PauseNow);
    }

    [Fact]
    public void A_sample_with_no_values_is_not_idle_evidence()
    {
        _time.Advance(TimeSpan.FromHours(3));

        Decide(Running() with { LastSample = new UsageSample(_time.GetUtcNow(), null, null) }, measured: true).Phase.ShouldBe(IdlePhase.Warning);
    }

    [Fact]
    public void Keep_running_postpones_the_pause_until_it_ends()
    {
        _time.Advance(TimeSpan.FromHours(3));
        var inputs = Running() with { KeepRunningUntil = Start.AddHours(4) };

        Decide(inputs).ShouldSatisfyAllConditions(
            d => d.Phase.ShouldBe(IdlePhase.Running),
            d => d.PausesAt.ShouldBe(Start.AddHours(4)),
            d => d.KeepRunningUntil.ShouldBe(Start.AddHours(4)));
        _time.Advance(TimeSpan.FromMinutes(55));
        Decide(inputs).Phase.ShouldBe(IdlePhase.Warning);
        _time.Advance(TimeSpan.FromMinutes(5));
        Decide(inputs).ShouldSatisfyAllConditions(d => d.Phase.ShouldBe(IdlePhase.PauseNow), d => d.KeepRunningUntil.ShouldBeNull());
    }

    [Theory]
    [InlineData(false, false, "paused, starting or failed")]
    [InlineData(true, true, "being operated on")]
    public void Instances_not_running_or_being_operated_on_are_exempt(bool running, bool operated, string because)
    {
        _time.Advance(TimeSpan.FromDays(1));
        var inputs = Running() with { Running = running, BeingOperatedOn = operated };

        Decide(inputs).Phase.ShouldBe(IdlePhase.Exempt, because);
    }

    [Fact]
    public void Without_any_activity_or_start_time_nothing_is_paused()
    {
        _time.Advance(TimeSpan.FromDays(1));

        Decide(Running() with { RunningSince = null }).Phase.ShouldBe(IdlePhase.Exempt);
    }

    [Fact]
    public void The_choices_are_whole_hours_up_to_the_maximum()
    {
        IdlePolicy.KeepRunningChoices(TimeSpan.FromHours(8)).ShouldBe([.. Enumerable.Range(1, 8).Select(h => TimeSpan.FromHours(h))]);
        IdlePolicy.KeepRunningChoices(TimeSpan.FromMinutes(150)).ShouldBe([TimeSpan.FromHours(1), TimeSpan.FromHours(2)]);
        IdlePolicy.KeepRunningChoices(TimeSpan.FromMinutes(30)).ShouldBe([TimeSpan.FromMinutes(30)]);
        IdlePolicy.KeepRunningChoices(TimeSpan.Zero).ShouldBeEmpty();
    }

    [Fact]
    public void A_postponement_must_be_positive_within_the_maximum_and_on_a_governed_template()
    {
        IdlePolicy.ValidateKeepRunning(TwoHours, TimeSpan.FromHours(8)).ShouldBeNull();
        IdlePolicy.ValidateKeepRunning(TwoHours, TimeSpan.FromHours(8.5)).ShouldBe(KeepRunningRefusal.TooLong);
        IdlePolicy.ValidateKeepRunning(TwoHours, TimeSpan.Zero).ShouldBe(KeepRunningRefusal.NotPositive);
        IdlePolicy.ValidateKeepRunning(IdleSettings.Never, TimeSpan.FromHours(1)).ShouldBe(KeepRunningRefusal.NotGoverned);
    }

    [Fact]
    public void A_new_postponement_never_shortens_the_one_in_force()
    {
        var now = _time.GetUtcNow();

        IdlePolicy.KeepRunningUntil(now, TimeSpan.FromHours(1), now.AddHours(5)).ShouldBe(now.AddHours(5));
        IdlePolicy.KeepRunningUntil(now, TimeSpan.FromHours(2), now.AddHours(1)).ShouldBe(now.AddHours(2));
        IdlePolicy.KeepRunningUntil(now, TimeSpan.FromHours(2), null).ShouldBe(now.AddHours(2));
    }

    [Fact]
    public void Busy_means_the_gpu_or_the_same_share_of_one_cpu_above_the_threshold()
    {
        new UsageSample(Start, 11, null).IsBusy(10).ShouldBeTrue();
        new UsageSample(Start, 10, 0.05).IsBusy(10).ShouldBeFalse();
        new UsageSample(Start, null, 0.5).IsBusy(10).ShouldBeTrue();
        new UsageSample(Start, 3, 0.02).IsBusy(2).ShouldBeTrue();
    }

    [Fact]
    public void The_gateway_default_applies_to_templates_without_a_timeout_of_their_own()
    {
        var template = Core.TestTemplates.Template();

        IdleSettings.For(template, TimeSpan.FromMinutes(45)).Timeout.ShouldBe(TimeSpan.FromMinutes(45));
        IdleSettings.For(template with { IdleTimeout = TimeSpan.FromHours(1) }, TimeSpan.FromMinutes(45)).Timeout.ShouldBe(TimeSpan.FromHours(1));
        IdleSettings.For(template).ShouldBe(new IdleSettings(null, TimeSpan.FromHours(8), 10));
        IdleSettings.For(template with { MaxKeepRunning = TimeSpan.FromHours(2), BusyGpuPercent = 25 }).ShouldBe(new IdleSettings(null, TimeSpan.FromHours(2), 25));
    }
}
