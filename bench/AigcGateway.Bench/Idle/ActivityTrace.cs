using System.Collections.Immutable;

namespace AigcGateway.Bench.Idle;

/// <summary>
/// What one user does with their instance during the simulated day, independent of any policy: when they work in it,
/// which requests reach forward auth, when a browser tab holds its websocket open, when the GPU is busy, and the choices
/// they make (Keep running, Pause before going home). The simulation replays it against a policy.
/// </summary>
internal sealed record ActivityTrace
{
    public required int User { get; init; }

    /// <summary>From arrival to leaving (null: the user does not work with the instance today).</summary>
    public Interval? Workday { get; init; }

    /// <summary>When the user works in the instance (present at the tab). The first one launches it.</summary>
    public ImmutableArray<Interval> Sessions { get; init; } = [];

    /// <summary>When the user is at their desk doing something else (the instance's tab in the background, if open).</summary>
    public ImmutableArray<Interval> AtDesk { get; init; } = [];

    /// <summary>Every request that reaches forward auth (page loads, API calls, websocket handshakes, reconnects), in order.</summary>
    public ImmutableArray<DateTimeOffset> Requests { get; init; } = [];

    /// <summary>When a tab holds the websocket open: keepalive frames every 30 s (seen by a proxy, not by forward auth).</summary>
    public ImmutableArray<Interval> TabOpen { get; init; } = [];

    /// <summary>When the GPU works: generations during sessions and long jobs (batches, videos, training) with the tab closed or not.</summary>
    public ImmutableArray<Interval> GpuBusy { get; init; } = [];

    /// <summary>The long jobs among <see cref="GpuBusy"/> (the ones a wrong pause loses).</summary>
    public ImmutableArray<Interval> Jobs { get; init; } = [];

    /// <summary>Keep running pressed ahead of a long absence: when, and for how long.</summary>
    public ImmutableArray<(DateTimeOffset At, TimeSpan For)> KeepRunning { get; init; } = [];

    /// <summary>The user presses Pause when leaving (null: they forget, or a job still runs).</summary>
    public DateTimeOffset? PausesWhenLeaving { get; init; }

    /// <summary>Whether the user presses Keep running when the warning shows while they sit at their desk.</summary>
    public bool HeedsWarnings { get; init; }
}
