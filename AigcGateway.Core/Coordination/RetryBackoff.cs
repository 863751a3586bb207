namespace AigcGateway.Core.Coordination;

/// <summary>
/// Bounded exponential backoff with jitter: attempt <c>n</c> waits a random time between half and all of
/// <c>min(Max, Initial * 2^(n-1))</c>, so replicas that failed together do not retry together.
/// </summary>
public sealed record RetryBackoff(TimeSpan Initial, TimeSpan Max)
{
    /// <summary>1 s doubling up to 30 s: background loops after a failure.</summary>
    public static RetryBackoff Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>The wait before attempt <paramref name="attempt"/> (1 = the first retry).</summary>
    public TimeSpan Delay(int attempt)
    {
        var ceiling = Ceiling(attempt);
        return TimeSpan.FromTicks((long)(ceiling.Ticks * (0.5 + (Random.Shared.NextDouble() / 2))));
    }

    /// <summary>The longest wait before attempt <paramref name="attempt"/> (no jitter).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min(Max.Ticks, Initial.Ticks * Math.Pow(2, doublings));
        return TimeSpan.FromTicks((long)Math.Max(0, ticks));
    }
}
