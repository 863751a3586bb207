using System.Security.Claims;
using AigcGateway.Core.Administration;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Components.Admin;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AigcGateway.Tests.Admin;

/// <summary>Inside the circuit (client-side navigation) the router's AuthorizeRouteView turns non-administrators away too.</summary>
public sealed class AdminRouteViewTests : BunitContext
{
    public static TheoryData<Type> Pages => [typeof(AdminTemplates), typeof(AdminInstances), typeof(TemplateCreate), typeof(TemplateEdit)];

    private readonly Bunit.TestDoubles.BunitAuthorizationContext _auth;

    public AdminRouteViewTests()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddLocalization();
        Services.AddScoped<AigcGateway.Web.Components.Shared.ViewerClock>();
        Services.AddSingleton<TimeProvider>(TimeProvider.System);
        Services.AddSingleton<IAdministration>(new FakeAdministration());
        Services.AddSingleton<AigcGateway.Core.Instances.ICatalog>(new FakeCatalog());
        JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_admin_page_requires_the_administrator_policy(Type page)
    {
        page.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>()
            .ShouldContain(a => a.Policy == GatewayPolicies.Administrator);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_signed_in_user_without_the_policy_sees_no_access_instead_of_the_page(Type page)
    {
        var auth = _auth;
        auth.SetAuthorized("Alice");
        auth.SetClaims(new Claim(GatewayClaims.Subject, "alice"));

        var view = Render<RouteHost>(p => p.Add(h => h.Page, page));

        view.Find("[data-status='403'] h1").TextContent.ShouldBe("No access");
        view.FindAll(".admin").ShouldBeEmpty();
    }

    [Fact]
    public void An_administrator_sees_the_page()
    {
        var auth = _auth;
        auth.SetAuthorized("Ada");
        auth.SetPolicies(GatewayPolicies.Administrator);

        var view = Render<RouteHost>(p => p.Add(h => h.Page, typeof(AdminTemplates)));

        view.FindAll("[data-status]").ShouldBeEmpty();
        view.Find("section.admin-templates").ShouldNotBeNull();
    }
}
