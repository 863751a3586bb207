using System.Globalization;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace AigcGateway.Tests.Dashboard;

/// <summary>bUnit with MudBlazor, English strings, a fake clock and the channel-backed fake service.</summary>
public abstract class DashboardContext : BunitContext
{
    private FakeInstanceService? _service;

    protected DashboardContext()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        CultureInfo.CurrentCulture = new CultureInfo("en-US");
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(new AigcGateway.Web.Configuration.GatewayMode(IsDemo: false));
        Services.AddLocalization();
        Services.AddScoped<AigcGateway.Web.Components.Shared.ViewerClock>();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<IInstanceService>(_ => Service);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Who is signed in (nobody until a test says so).</summary>
    internal BunitAuthorizationContext Auth { get; }

    internal FakeTimeProvider Time { get; } = new(DashboardData.Now);

    internal FakeInstanceService Service => _service ?? throw new InvalidOperationException("Call Start first.");

    /// <summary>Renders the dashboard (with the dialog providers) on a service whose first snapshot is <paramref name="initial"/>.</summary>
    internal IRenderedComponent<DashboardHost> Start(UserDashboard initial)
    {
        UseService(initial);
        return Render<DashboardHost>();
    }

    /// <summary>Creates the fake service (whose first snapshot is <paramref name="initial"/>) without rendering anything.</summary>
    internal void UseService(UserDashboard initial) => _service = new FakeInstanceService(initial);

    internal static IElement Card(IRenderedComponent<DashboardHost> host, TemplateRef template) =>
        host.Find($"[data-template='{template}']");

    internal static IElement Button(IRenderedComponent<DashboardHost> host, TemplateRef template, string action) =>
        host.Find($"[data-template='{template}'] [data-action='{action}']");

    internal static bool HasButton(IRenderedComponent<DashboardHost> host, TemplateRef template, string action) =>
        host.FindAll($"[data-template='{template}'] [data-action='{action}']").Count > 0;

    internal static IElement Dialog(IRenderedComponent<DashboardHost> host) => host.Find(".mud-dialog");

    internal FakeOperation WaitForOperation<THost>(IRenderedComponent<THost> host, string name)
        where THost : IComponent
    {
        host.WaitForAssertion(() => Service.Operations.ShouldContain(o => o.Name == name));
        return Service.Operations.Last(o => o.Name == name);
    }
}
