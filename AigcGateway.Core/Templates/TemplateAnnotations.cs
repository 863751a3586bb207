namespace AigcGateway.Core.Templates;

/// <summary>GameServerSet annotations the gateway reads or writes (documented in docs/configuration.md).</summary>
public static class TemplateAnnotations
{
    public const string DisplayName = "aigc-gateway.io/display-name";
    public const string Description = "aigc-gateway.io/description";
    public const string Icon = "aigc-gateway.io/icon";
    public const string GpuType = "aigc-gateway.io/gpu-type";
    public const string IdleTimeout = "aigc-gateway.io/idle-timeout";

    /// <summary>Written by the gateway: <c>{"&lt;id&gt;": "&lt;user id&gt;"}</c>, the source of truth for ownership.</summary>
    public const string Owners = "aigc-gateway.io/owners";
}
