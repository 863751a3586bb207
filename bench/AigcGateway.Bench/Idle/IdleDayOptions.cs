namespace AigcGateway.Bench.Idle;

/// <summary>The simulated day: how many users, the seed of its traces, and the two timeouts compared.</summary>
internal sealed record IdleDayOptions
{
    public int Users { get; init; } = 200;

    /// <summary>The seed of every random choice (traces and the people's reactions): the same seed gives the same day.</summary>
    public int Seed { get; init; } = 13;

    /// <summary>The day starts at 07:00 and runs 24 h, to 07:00 the next morning (times are the office's local time).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);

    public TimeSpan Length { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The template's <c>aigc-gateway.io/idle-timeout</c> in the gateway's policy (the other settings are the defaults).</summary>
    public TimeSpan GatewayTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The traffic-only culler's timeout (jupyterhub-idle-culler's default, <c>--timeout=3600</c>).</summary>
    public TimeSpan CullerTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A rolling update of the gateway at 13:00 (in-memory stamps and samples lost, the persisted last activity kept).</summary>
    public TimeSpan GatewayRestartAt { get; init; } = TimeSpan.FromHours(6);

    public DateTimeOffset End => Start + Length;
}
