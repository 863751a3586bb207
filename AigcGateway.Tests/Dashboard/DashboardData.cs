using System.Collections.Immutable;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;

namespace AigcGateway.Tests.Dashboard;

/// <summary>Templates, instances and dashboards for the component tests.</summary>
internal static class DashboardData
{
    public const string User = "user-alice";

    public static readonly DateTimeOffset Now = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);

    public static readonly TemplateRef StableDiffusionRef = new("aigc", "sd-webui");
    public static readonly TemplateRef ComfyRef = new("aigc", "comfyui");
    public static readonly TemplateRef CpuRef = new("aigc", "sd-cpu");
    public static readonly TemplateRef BrokenRef = new("aigc", "broken");

    private static readonly TemplateNetwork Ingress = new(TemplateNetwork.Ingress, [new("Host", "sd<id>.aigc.test")]);

    public static Template StableDiffusion { get; } = new()
    {
        Ref = StableDiffusionRef,
        DisplayName = "Stable Diffusion",
        Description = "Stable Diffusion WebUI on a dedicated GPU.",
        Icon = "palette",
        GpuType = "NVIDIA A10",
        Resources = new ResourceSummary(1, null, "4", "16Gi", "50Gi"),
        Network = Ingress,
    };

    public static Template Comfy { get; } = new()
    {
        Ref = ComfyRef,
        DisplayName = "ComfyUI",
        Description = "Node-based image workflows.",
        Icon = "https://images.aigc.test/comfy.png",
        Resources = new ResourceSummary(null, 8, "500m", "8Gi", "20Gi"),
        Network = Ingress,
    };

    public static Template Cpu { get; } = new()
    {
        Ref = CpuRef,
        DisplayName = "Stable Diffusion (CPU)",
        Resources = new ResourceSummary(null, null, "2", "4Gi", "10Gi"),
        Network = Ingress,
    };

    public static Template Broken { get; } = new()
    {
        Ref = BrokenRef,
        DisplayName = "Broken Engine",
        Resources = ResourceSummary.None,
        Network = TemplateNetwork.None,
        Problems =
        [
            new ConformanceProblem(ConformanceCode.NoDataVolume, ConformanceSeverity.Error, "no volumeClaimTemplates"),
            new ConformanceProblem(ConformanceCode.CannotBeProtected, ConformanceSeverity.Error, "network is not Kubernetes-Ingress"),
        ],
    };

    public static ImmutableArray<Template> Catalog { get; } = [Comfy, Broken, StableDiffusion, Cpu];

    public static Instance Instance(
        TemplateRef template,
        InstanceState state,
        InstanceDiagnostic? diagnostic = null,
        Uri? url = null,
        DateTimeOffset? created = null,
        DateTimeOffset? lastActivity = null,
        int id = 3) => new()
        {
            Ref = new InstanceRef(template, id),
            Owner = User,
            State = state,
            Diagnostic = diagnostic,
            Url = url,
            Created = created ?? Now.AddMinutes(-5),
            LastActivity = lastActivity,
        };

    public static Instance RunningStableDiffusion { get; } = Instance(
        StableDiffusionRef,
        InstanceState.Running,
        url: new Uri("https://sd3.aigc.test/"),
        created: Now.AddHours(-2),
        lastActivity: Now.AddMinutes(-10));

    public static UserDashboard Ready(params Instance[] instances) => new(1, true, Catalog, [.. instances]);

    public static UserDashboard ReadyWith(ImmutableArray<Template> templates, params Instance[] instances) => new(1, true, templates, [.. instances]);

    public static UserDashboard NotReady { get; } = new(0, false, [], []);
}
