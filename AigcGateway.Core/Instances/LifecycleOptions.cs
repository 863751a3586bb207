namespace AigcGateway.Core.Instances;

/// <summary>Tuning of the lifecycle and of dashboard updates (defaults suit production).</summary>
public sealed record LifecycleOptions
{
    /// <summary>Serve instance URLs over HTTPS even when the template has no TLS settings (TLS terminated in front).</summary>
    public bool ForceHttps { get; init; }

    /// <summary>Attempts of one GameServerSet update before giving up with <see cref="OperationError.Busy"/>.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>First backoff after a 409; doubles per attempt, with full jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>An instance starting for longer than this is diagnosed as a slow start.</summary>
    public TimeSpan SlowStartAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A live dashboard is re-evaluated at least this often (time-dependent states such as slow start).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Changes arriving within this window reach a dashboard as one update.</summary>
    public TimeSpan CoalesceWindow { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long uninstall waits for the pod to go before deleting its volumes; a pod that is stopping gracefully is waited
    /// for until its grace period has ended, even when that is longer.
    /// </summary>
    public TimeSpan UninstallPodWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A pending marker (installing, restarting, ...) is dropped after this long.</summary>
    public TimeSpan PendingTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The idle auto-pause (default timeout, GPU/CPU source, check period).</summary>
    public Idle.IdleOptions Idle { get; init; } = new();
}
