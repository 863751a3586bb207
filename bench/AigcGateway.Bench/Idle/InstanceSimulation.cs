using AigcGateway.Core.Idle;
using Microsoft.Extensions.Time.Testing;

namespace AigcGateway.Bench.Idle;

/// <summary>
/// Replays one user's <see cref="ActivityTrace"/> against one policy on a fake clock: events at their times, the policy's
/// check every 30 s (the leader's <see cref="IdleOptions.CheckInterval"/>), and the time accounted per check interval.
/// A launch or recovery starts for U(60, 180) s (requests meanwhile meet the starting page); a pause loses the job
/// running on it; a user who is paused while working recovers at once, one who finds it paused recovers when they
/// come back to work in it.
/// </summary>
internal sealed class InstanceSimulation
{
    private static readonly TimeSpan Tick = new IdleOptions().CheckInterval;
    private static readonly TimeSpan RightAfterStart = TimeSpan.FromMinutes(5);

    private readonly IdleDayOptions _options;
    private readonly ActivityTrace _trace;
    private readonly FakeTimeProvider _clock;
    private readonly IPauseRule _rule;
    private readonly Random _random;
    private readonly DateTimeOffset?[] _jobLostAt;
    private State _state = State.Stopped;
    private DateTimeOffset _runningAt;
    private DateTimeOffset? _warned;
    private PolicyOutcome _outcome;

    private InstanceSimulation(IdleDayOptions options, ActivityTrace trace, FakeTimeProvider clock, IPauseRule rule, string policy)
    {
        _options = options;
        _trace = trace;
        _clock = clock;
        _rule = rule;
        _random = new Random(unchecked((options.Seed * 104729) + trace.User));
        _jobLostAt = new DateTimeOffset?[trace.Jobs.Length];
        _outcome = new PolicyOutcome(policy);
    }

    private enum State
    {
        Stopped,
        Starting,
        Running,
        PausedByUser,
        PausedByPolicy,
    }

    /// <summary>Runs the day of <paramref name="trace"/> under the policy <paramref name="rule"/> makes from the fake clock.</summary>
    public static PolicyOutcome Run(IdleDayOptions options, ActivityTrace trace, string policy, Func<FakeTimeProvider, IPauseRule> rule)
    {
        var clock = new FakeTimeProvider(options.Start);
        return new InstanceSimulation(options, trace, clock, rule(clock), policy).Run();
    }

    private PolicyOutcome Run()
    {
        var events = TraceEvents.Of(_trace);
        var next = 0;
        var restarted = false;
        for (var now = _options.Start + Tick; now <= _options.End; now += Tick)
        {
            for (; next < events.Length && events[next].At <= now; next++)
            {
                _clock.SetUtcNow(events[next].At > _clock.GetUtcNow() ? events[next].At : _clock.GetUtcNow());
                Apply(events[next]);
            }

            _clock.SetUtcNow(now);
            if (_state == State.Starting && now >= _runningAt)
            {
                _state = State.Running;
                _rule.Started(_runningAt);
            }

            if (!restarted && now >= _options.Start + _options.GatewayRestartAt)
            {
                restarted = true;
                _rule.Restarted();
            }

            Account(now);
            if (_state == State.Running)
            {
                CheckPolicy(now);
            }
        }

        return _outcome;
    }

    private void Apply(TraceEvent e)
    {
        switch (e.Kind)
        {
            case TraceEventKind.SessionStart when _state is not (State.Running or State.Starting):
                if (_state == State.PausedByPolicy)
                {
                    _outcome = _outcome with { Interruptions = _outcome.Interruptions + 1 };
                }

                Launch(e.At);
                break;
            case TraceEventKind.Request when _state == State.Running:
                _rule.Request(e.At);
                break;
            case TraceEventKind.KeepRunning when _state == State.Running:
                _rule.KeepRunning(e.At, e.Duration);
                break;
            case TraceEventKind.Pause when _state is State.Running or State.Starting:
                _state = State.PausedByUser;
                break;
            default:
                break;
        }
    }

    private void Launch(DateTimeOffset at)
    {
        _state = State.Starting;
        _runningAt = at + TimeSpan.FromSeconds(60 + (_random.NextDouble() * 120));
    }

    private void Account(DateTimeOffset now)
    {
        if (_state is not (State.Starting or State.Running))
        {
            return;
        }

        var hours = Tick.TotalHours;
        var idle = !Working(now) && !GpuBusy(now);
        var gone = _trace.Workday is not { } day || now >= day.End;
        _outcome = _outcome with
        {
            RunningGpuHours = _outcome.RunningGpuHours + hours,
            IdleGpuHours = _outcome.IdleGpuHours + (idle ? hours : 0),
            IdleAfterLeavingGpuHours = _outcome.IdleAfterLeavingGpuHours + (idle && gone ? hours : 0),
        };
    }

    private void CheckPolicy(DateTimeOffset now)
    {
        var phase = _rule.Check(now, _trace.TabOpen.Any(t => t.Contains(now)), Measure(now));
        if (phase == IdlePhase.Warning && _warned is null && _trace.HeedsWarnings && _trace.AtDesk.Any(d => d.Contains(now)))
        {
            _warned = now;
            _rule.KeepRunning(now, TimeSpan.FromHours(1));
            _outcome = _outcome with { WarningsHeeded = _outcome.WarningsHeeded + 1 };
        }
        else if (phase is IdlePhase.Running)
        {
            _warned = null;
        }

        if (phase != IdlePhase.PauseNow)
        {
            return;
        }

        var busy = LoseRunningJobs(now);
        var working = Working(now);
        _outcome = _outcome with
        {
            Pauses = _outcome.Pauses + 1,
            BusyPaused = _outcome.BusyPaused + (busy ? 1 : 0),
            Interruptions = _outcome.Interruptions + (working ? 1 : 0),
            PausedRightAfterStart = _outcome.PausedRightAfterStart + (now - _runningAt <= RightAfterStart ? 1 : 0),
        };
        _state = State.PausedByPolicy;
        if (working)
        {
            Launch(now);
        }
    }

    private bool LoseRunningJobs(DateTimeOffset now)
    {
        var lost = false;
        for (var i = 0; i < _trace.Jobs.Length; i++)
        {
            if (JobRuns(i, now))
            {
                _jobLostAt[i] = now;
                lost = true;
            }
        }

        return lost;
    }

    private bool Working(DateTimeOffset now) => _trace.Sessions.Any(s => s.Contains(now));

    private bool JobRuns(int job, DateTimeOffset now) => _trace.Jobs[job].Contains(now) && _jobLostAt[job] is null;

    /// <summary>The GPU works: a generation of a session, or a job not lost to a pause (only while the instance runs).</summary>
    private bool GpuBusy(DateTimeOffset now) =>
        _state == State.Running
        && (Enumerable.Range(0, _trace.Jobs.Length).Any(j => JobRuns(j, now))
            || _trace.GpuBusy.Any(b => b.Contains(now) && !_trace.Jobs.Contains(b)));

    /// <summary>
    /// What Prometheus answers now: a working GPU at 60-100 % with 0.3-1.2 cores, an idle one at 0-3 % with 0.005-0.04
    /// cores (a loaded model, the web server's housekeeping). 3 % of a job's samples fall between batches (2 %, 0.05
    /// cores); 1 % of all queries find no series (a missed scrape).
    /// </summary>
    private UsageSample Measure(DateTimeOffset now)
    {
        var roll = _random.NextDouble();
        if (roll < 0.01)
        {
            return new UsageSample(now, null, null);
        }

        return GpuBusy(now) && roll >= 0.04
            ? new UsageSample(now, 60 + (_random.NextDouble() * 40), 0.3 + (_random.NextDouble() * 0.9))
            : new UsageSample(now, _random.NextDouble() * 3, 0.005 + (_random.NextDouble() * 0.035));
    }
}
