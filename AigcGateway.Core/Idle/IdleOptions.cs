namespace AigcGateway.Core.Idle;

/// <summary>The gateway-wide idle settings (<c>Idle:*</c>, docs/configuration.md).</summary>
public sealed record IdleOptions
{
    /// <summary><c>Idle:DefaultTimeout</c>: the idle timeout of templates without the annotation; null (the default) = never.</summary>
    public TimeSpan? DefaultTimeout { get; init; }

    /// <summary><c>Idle:PrometheusUrl</c>: where the leader measures GPU and CPU use; null = forward-auth traffic and keep-running only.</summary>
    public Uri? PrometheusUrl { get; init; }

    /// <summary><c>Idle:PrometheusCaFile</c>: a PEM bundle of the roots Prometheus' certificate chains to (in addition to the system's).</summary>
    public string? PrometheusCaFile { get; init; }

    /// <summary>How often the leader checks running instances (and measures them).</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The persisted last activity is written at most this often per instance.</summary>
    public TimeSpan PersistInterval { get; init; } = TimeSpan.FromMinutes(1);
}
