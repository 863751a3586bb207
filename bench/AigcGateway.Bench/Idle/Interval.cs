namespace AigcGateway.Bench.Idle;

/// <summary>A stretch of simulated time, start inclusive, end exclusive.</summary>
internal readonly record struct Interval(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset time) => time >= Start && time < End;

    public TimeSpan Length => End - Start;
}
