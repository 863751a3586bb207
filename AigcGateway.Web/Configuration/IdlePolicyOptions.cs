namespace AigcGateway.Web.Configuration;

/// <summary>The <c>Idle</c> section: the gateway-wide idle auto-pause settings (docs/configuration.md).</summary>
public sealed class IdlePolicyOptions
{
    public const string Section = "Idle";

    /// <summary>The idle timeout of templates without <c>aigc-gateway.io/idle-timeout</c>; empty (the default) = never.</summary>
    public TimeSpan? DefaultTimeout { get; set; }

    /// <summary>Prometheus' base URL (e.g. <c>https://prometheus.monitoring:9090</c>) for GPU and CPU use; empty = not measured.</summary>
    public string? PrometheusUrl { get; set; }

    /// <summary>A PEM file of the CA certificates Prometheus' TLS certificate chains to (verification stays on).</summary>
    public string? PrometheusCaFile { get; set; }

    /// <summary>The shortest idle timeout accepted: 5 minutes, 1 minute in demo mode (so a demo can show a pause).</summary>
    public static TimeSpan MinimumTimeout(bool demo) => demo ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(5);

    public Uri? PrometheusUri => Uri.TryCreate(PrometheusUrl?.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;
}
