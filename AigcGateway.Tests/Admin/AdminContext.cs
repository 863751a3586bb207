using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Diagnostics;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Web.Auth;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace AigcGateway.Tests.Admin;

/// <summary>bUnit with MudBlazor, English strings, a fake clock, the fake administration and a signed-in administrator.</summary>
public abstract class AdminContext : BunitContext
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);
    internal static readonly TemplateRef Sd = new("aigc", "sd-webui");
    internal static readonly TemplateRef Comfy = new("aigc", "comfyui");

    protected AdminContext()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        CultureInfo.CurrentCulture = new CultureInfo("en-US");
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddLocalization();
        Services.AddScoped<AigcGateway.Web.Components.Shared.ViewerClock>();
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        Services.AddSingleton<IAdministration>(Admin);
        Services.AddSingleton<ICatalog>(Catalog);
        Services.AddSingleton<IMigrationAdministration>(Migration);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Auth = AddAuthorization();
        Auth.SetAuthorized("Ada Admin");
        Auth.SetClaims(new Claim(GatewayClaims.Subject, "admin-1"), new Claim(GatewayClaims.Name, "Ada"), new Claim(GatewayClaims.Administrator, "true"));
        Auth.SetPolicies(GatewayPolicies.Administrator);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    internal FakeAdministration Admin { get; } = new();

    internal FakeCatalog Catalog { get; } = new();

    internal FakeMigrationAdministration Migration { get; } = new();

    internal BunitAuthorizationContext Auth { get; }

    internal IRenderedComponent<AdminHost> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent =>
        Render<AdminHost>(host => host.AddChildContent<TPage>(parameters ?? (_ => { })));

    internal static Template Template(TemplateRef reference, string name, TemplateNetwork? network = null, ImmutableArray<ConformanceProblem> problems = default) => new()
    {
        Ref = reference,
        DisplayName = name,
        Resources = new ResourceSummary(1, null, "4", "16Gi", "50Gi"),
        GpuType = "NVIDIA A10",
        Network = network ?? new TemplateNetwork(TemplateNetwork.Ingress, [new("Host", "sd<id>.aigc.test")]),
        Problems = problems.IsDefault ? [] : problems,
        DataVolumeNames = ["user-data"],
    };

    internal static AdminInstance Instance(TemplateRef template, int id, string owner, InstanceState state, params EventObservation[] events) => new()
    {
        Instance = new Instance { Ref = new InstanceRef(template, id), Owner = owner, State = state, Created = Now.AddHours(-2) },
        TemplateDisplayName = template == Sd ? "Stable Diffusion" : "ComfyUI",
        Volumes = [$"user-data-{template.Name}-{id}"],
        Events = [.. events],
    };
}
