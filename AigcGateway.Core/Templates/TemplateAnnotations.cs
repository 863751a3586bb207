using AigcGateway.Core.Administration;

namespace AigcGateway.Core.Templates;

/// <summary>GameServerSet annotations the gateway reads or writes (documented in docs/configuration.md).</summary>
public static class TemplateAnnotations
{
    public const string DisplayName = "aigc-gateway.io/display-name";
    public const string Description = "aigc-gateway.io/description";
    public const string Icon = "aigc-gateway.io/icon";
    public const string GpuType = "aigc-gateway.io/gpu-type";
    public const string IdleTimeout = "aigc-gateway.io/idle-timeout";
    public const string MaxKeepRunning = "aigc-gateway.io/max-keep-running";
    public const string BusyGpuPercent = "aigc-gateway.io/busy-gpu-percent";

    /// <summary>Written by the gateway: <c>{"&lt;id&gt;": "&lt;user id&gt;"}</c>, the source of truth for ownership.</summary>
    public const string Owners = "aigc-gateway.io/owners";

    /// <summary>Written by the gateway while a template deletion runs: the chosen volume handling (<see cref="FormatDeletion"/>).</summary>
    public const string Deletion = "aigc-gateway.io/deletion";

    public static string FormatDeletion(TemplateDeletionMode mode) => mode == TemplateDeletionMode.DeleteVolumes ? "delete-volumes" : "keep-volumes";

    /// <summary>The deletion mark's mode; null without a mark. An unknown value keeps the volumes (the safe choice).</summary>
    public static TemplateDeletionMode? ParseDeletion(string? mark) => mark is null
        ? null
        : string.Equals(mark, "delete-volumes", StringComparison.Ordinal) ? TemplateDeletionMode.DeleteVolumes : TemplateDeletionMode.KeepVolumes;
}
