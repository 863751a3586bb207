using AigcGateway.Core.Coordination;

namespace AigcGateway.Core.Kubernetes;

/// <summary>Timings of the Lease-based leadership (client-go's defaults, a little shorter).</summary>
internal sealed record LeadershipOptions
{
    /// <summary>How long a lease that is not renewed keeps others from taking it (after a crash; a clean stop releases it).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The leader gives up the work when it could not renew for this long.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait after the API could not be reached before competing again.</summary>
    public RetryBackoff Backoff { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
}
