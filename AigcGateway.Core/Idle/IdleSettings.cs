using AigcGateway.Core.Templates;

namespace AigcGateway.Core.Idle;

/// <summary>
/// A template's idle policy: pause its running instances after <see cref="Timeout"/> without use (null: never), let users
/// postpone that by up to <see cref="MaxKeepRunning"/>, and count a GPU (or CPU) above <see cref="BusyGpuPercent"/> as use.
/// </summary>
public sealed record IdleSettings(TimeSpan? Timeout, TimeSpan MaxKeepRunning, double BusyGpuPercent)
{
    /// <summary>The longest postponement when the template does not say (<c>aigc-gateway.io/max-keep-running</c>).</summary>
    public static readonly TimeSpan DefaultMaxKeepRunning = TimeSpan.FromHours(8);

    /// <summary>Busy above this GPU utilisation when the template does not say (<c>aigc-gateway.io/busy-gpu-percent</c>).</summary>
    public const double DefaultBusyGpuPercent = 10;

    /// <summary>Nothing is ever paused.</summary>
    public static IdleSettings Never { get; } = new(null, DefaultMaxKeepRunning, DefaultBusyGpuPercent);

    /// <summary>Instances are paused automatically.</summary>
    public bool Governed => Timeout is { } t && t > TimeSpan.Zero;

    /// <summary>
    /// The template's settings, with the gateway-wide <paramref name="defaultTimeout"/> (<c>Idle:DefaultTimeout</c>) for a
    /// template without an idle-timeout annotation.
    /// </summary>
    public static IdleSettings For(Template template, TimeSpan? defaultTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new IdleSettings(
            template.IdleTimeout ?? defaultTimeout,
            template.MaxKeepRunning ?? DefaultMaxKeepRunning,
            template.BusyGpuPercent ?? DefaultBusyGpuPercent);
    }
}
