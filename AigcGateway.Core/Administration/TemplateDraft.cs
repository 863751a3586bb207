using System.Collections.Immutable;

namespace AigcGateway.Core.Administration;

/// <summary>What an administrator fills in to create a template; <see cref="TemplateManifestBuilder"/> turns it into a conforming GameServerSet.</summary>
public sealed record TemplateDraft
{
    public string Name { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>A Material icon name (e.g. <c>Brush</c>) or an http(s) image URL.</summary>
    public string? Icon { get; init; }

    public string Image { get; init; } = "";

    /// <summary>The container's command (entrypoint); empty keeps the image's.</summary>
    public ImmutableArray<string> Command { get; init; } = [];

    public ImmutableArray<string> Arguments { get; init; } = [];

    public int ContainerPort { get; init; } = 7860;

    public GpuMode Gpu { get; init; } = GpuMode.None;

    public int GpuCount { get; init; } = 1;

    public int GpuMemoryGiB { get; init; } = 4;

    /// <summary>Shown on the catalog card, e.g. "NVIDIA A10".</summary>
    public string? GpuType { get; init; }

    public string Cpu { get; init; } = "4";

    public string Memory { get; init; } = "16Gi";

    public string VolumeSize { get; init; } = "50Gi";

    public string? StorageClass { get; init; }

    public string MountPath { get; init; } = "/data";

    /// <summary>Host of each instance, with <c>&lt;id&gt;</c> standing for the instance id, e.g. <c>sd-&lt;id&gt;.example.com</c>.</summary>
    public string HostPattern { get; init; } = "";

    public string IngressClassName { get; init; } = "nginx";

    /// <summary>TLS secret for the instance hosts (a wildcard certificate); empty serves plain http.</summary>
    public string? TlsSecretName { get; init; }

    public ImmutableArray<EnvironmentVariable> Environment { get; init; } = [];

    /// <summary>Pause an instance after this much inactivity; null never pauses.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>The longest a user may postpone the idle pause (<c>aigc-gateway.io/max-keep-running</c>); null = the default, 8 h.</summary>
    public TimeSpan? MaxKeepRunning { get; init; }

    /// <summary>GPU use above this percentage counts as activity (<c>aigc-gateway.io/busy-gpu-percent</c>); null = the default, 10.</summary>
    public double? BusyGpuPercent { get; init; }
}
