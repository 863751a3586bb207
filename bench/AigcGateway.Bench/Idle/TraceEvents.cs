using System.Collections.Immutable;

namespace AigcGateway.Bench.Idle;

/// <summary>A trace as the events the simulation applies, in time order (a session's start before its requests).</summary>
internal static class TraceEvents
{
    public static ImmutableArray<TraceEvent> Of(ActivityTrace trace) =>
    [
        .. trace.Sessions.Select(s => new TraceEvent(s.Start, TraceEventKind.SessionStart))
            .Concat(trace.Requests.Select(r => new TraceEvent(r, TraceEventKind.Request)))
            .Concat(trace.KeepRunning.Select(k => new TraceEvent(k.At, TraceEventKind.KeepRunning, k.For)))
            .Concat(trace.PausesWhenLeaving is { } pause ? [new TraceEvent(pause, TraceEventKind.Pause)] : [])
            .OrderBy(e => e.At)
            .ThenBy(e => e.Kind),
    ];
}
