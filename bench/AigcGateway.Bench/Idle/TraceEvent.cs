namespace AigcGateway.Bench.Idle;

/// <summary>One thing that happens at a moment of a user's day; <see cref="Duration"/> is the Keep running requested.</summary>
internal readonly record struct TraceEvent(DateTimeOffset At, TraceEventKind Kind, TimeSpan Duration = default);
