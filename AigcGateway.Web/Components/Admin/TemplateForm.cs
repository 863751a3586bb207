using System.Collections.Immutable;
using AigcGateway.Core.Administration;

namespace AigcGateway.Web.Components.Admin;

/// <summary>The editable fields of the create form (MudForm binds to settable properties); <see cref="ToDraft"/> gives the validated record.</summary>
public sealed class TemplateForm
{
    public string Name { get; set; } = "";

    public string Namespace { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string? Description { get; set; }

    public string? Icon { get; set; }

    public string Image { get; set; } = "";

    /// <summary>One command word per line.</summary>
    public string? CommandText { get; set; }

    /// <summary>One argument per line.</summary>
    public string? ArgumentsText { get; set; }

    public int ContainerPort { get; set; } = 7860;

    public GpuMode Gpu { get; set; } = GpuMode.Whole;

    public int GpuCount { get; set; } = 1;

    public int GpuMemoryGiB { get; set; } = 4;

    public string? GpuType { get; set; }

    public string Cpu { get; set; } = "4";

    public string Memory { get; set; } = "16Gi";

    public string VolumeSize { get; set; } = "50Gi";

    public string? StorageClass { get; set; }

    public string MountPath { get; set; } = "/data";

    public string HostPattern { get; set; } = "";

    public string IngressClassName { get; set; } = "nginx";

    public string? TlsSecretName { get; set; }

    /// <summary>One <c>NAME=value</c> per line.</summary>
    public string? EnvironmentText { get; set; }

    /// <summary>Minutes of inactivity before pausing; empty never pauses.</summary>
    public int? IdleMinutes { get; set; }

    /// <summary>The longest Keep running a user may choose, in hours; empty: 8.</summary>
    public int? MaxKeepRunningHours { get; set; }

    /// <summary>GPU use above this percentage counts as activity; empty: 10.</summary>
    public int? BusyGpuPercent { get; set; }

    public TemplateDraft ToDraft() => new()
    {
        Name = Name.Trim(),
        Namespace = Namespace.Trim(),
        DisplayName = DisplayName,
        Description = Blank(Description),
        Icon = Blank(Icon),
        Image = Image.Trim(),
        Command = Lines(CommandText),
        Arguments = Lines(ArgumentsText),
        ContainerPort = ContainerPort,
        Gpu = Gpu,
        GpuCount = GpuCount,
        GpuMemoryGiB = GpuMemoryGiB,
        GpuType = Blank(GpuType),
        Cpu = Cpu.Trim(),
        Memory = Memory.Trim(),
        VolumeSize = VolumeSize.Trim(),
        StorageClass = Blank(StorageClass),
        MountPath = MountPath.Trim(),
        HostPattern = HostPattern.Trim(),
        IngressClassName = IngressClassName.Trim(),
        TlsSecretName = Blank(TlsSecretName),
        Environment = [.. Lines(EnvironmentText).Select(line =>
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? new EnvironmentVariable(line, "") : new EnvironmentVariable(line[..equals].Trim(), line[(equals + 1)..]);
        })],
        IdleTimeout = IdleMinutes is > 0 and var minutes ? TimeSpan.FromMinutes(minutes) : null,
        MaxKeepRunning = MaxKeepRunningHours is { } hours ? TimeSpan.FromHours(hours) : null,
        BusyGpuPercent = BusyGpuPercent,
    };

    /// <summary>The form field a validation error belongs to (the draft's property names, except the list fields).</summary>
    public static string FieldOf(string propertyName) => propertyName switch
    {
        _ when propertyName.StartsWith("Environment", StringComparison.Ordinal) => nameof(EnvironmentText),
        _ when propertyName.StartsWith("Command", StringComparison.Ordinal) => nameof(CommandText),
        _ when propertyName.StartsWith("Arguments", StringComparison.Ordinal) => nameof(ArgumentsText),
        nameof(TemplateDraft.IdleTimeout) => nameof(IdleMinutes),
        nameof(TemplateDraft.MaxKeepRunning) => nameof(MaxKeepRunningHours),
        _ => propertyName,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ImmutableArray<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];
}
