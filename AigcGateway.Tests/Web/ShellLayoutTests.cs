using System.Globalization;
using AigcGateway.Web.Components.Layout;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Preferences;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AigcGateway.Tests.Web;

public sealed class ShellLayoutTests : BunitContext
{
    private readonly BunitJSModuleInterop _preferences;
    private readonly BunitAuthorizationContext _auth;

    public ShellLayoutTests()
    {
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(new AigcGateway.Web.Configuration.GatewayMode(IsDemo: false));
        Services.AddLocalization();
        _auth = AddAuthorization();
        JSInterop.Mode = JSRuntimeMode.Loose;
        _preferences = JSInterop.SetupModule("./js/preferences.js");
        _preferences.SetupVoid("setPreferenceCookie", _ => true);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<MainLayout> RenderLayout(ThemeMode initialTheme = ThemeMode.Light) =>
        Render<MainLayout>(parameters => parameters
            .AddCascadingValue("InitialTheme", initialTheme)
            .Add(layout => layout.Body, (RenderFragment)(builder => builder.AddMarkupContent(0, "<p id='page-body'>body</p>"))));

    [Fact]
    public void The_layout_renders_the_app_bar_the_drawer_and_the_page()
    {

        var layout = RenderLayout();

        layout.Find(".mud-appbar").TextContent.ShouldContain("AIGC Gateway");
        layout.Find(".mud-drawer").TextContent.ShouldContain("Dashboard");
        layout.Find("#page-body").TextContent.ShouldBe("body");
        layout.Find("#circuit-state").GetAttribute("data-interactive").ShouldBe("true");
    }

    [Fact]
    public void The_administration_group_is_hidden_from_users_who_are_not_administrators()
    {
        _auth.SetAuthorized("alice");

        var layout = RenderLayout();

        layout.Find(".mud-drawer").TextContent.ShouldNotContain("Administration");
    }

    [Fact]
    public void The_administration_group_is_shown_to_administrators()
    {
        _auth.SetAuthorized("root");
        _auth.SetPolicies(GatewayPolicies.Administrator);

        var layout = RenderLayout();

        layout.Find(".mud-drawer").TextContent.ShouldContain("Administration");
        layout.FindAll(".mud-drawer a").Select(a => a.GetAttribute("href")).ShouldContain("/admin/templates");
    }

    [Fact]
    public void Signed_in_users_sign_out_through_a_post_form_not_a_link()
    {
        _auth.SetAuthorized("alice");

        var layout = RenderLayout();

        var form = layout.Find("form[data-sign-out]");
        form.GetAttribute("method").ShouldBe("post");
        form.GetAttribute("action").ShouldBe("/sign-out");
        layout.FindAll("a[href='/sign-out']").ShouldBeEmpty();
    }

    [Fact]
    public void Signed_out_visitors_see_a_sign_in_button_in_the_user_area()
    {

        var layout = RenderLayout();

        layout.Find("a.user-sign-in").GetAttribute("href").ShouldBe("/sign-in");
    }

    [Fact]
    public void Choosing_chinese_reloads_through_the_language_endpoint_and_keeps_the_page()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/some/page?x=1");
        var layout = RenderLayout();

        layout.Find(".language-switch button").Click();
        layout.FindAll(".mud-menu-item").Single(item => item.TextContent.Contains("简体中文", StringComparison.Ordinal)).Click();

        navigation.Uri.ShouldBe("http://localhost/culture/zh-CN?returnUrl=%2Fsome%2Fpage%3Fx%3D1");
    }

    [Fact]
    public void In_chinese_every_shell_string_is_chinese()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");

        var layout = RenderLayout();

        layout.Find(".mud-appbar").TextContent.ShouldContain("AIGC 网关");
        layout.Find(".mud-drawer").TextContent.ShouldContain("控制台");
        layout.Find("a.user-sign-in").TextContent.ShouldContain("登录");
        layout.Markup.ShouldNotContain("Dashboard");
    }

    [Fact]
    public void Choosing_dark_switches_the_palette_and_remembers_the_choice()
    {
        var layout = RenderLayout(ThemeMode.Light);
        layout.Markup.ShouldContain("--mud-palette-background: rgba(246,247,251,1)");

        layout.Find(".theme-switch button").Click();
        layout.Find(".mud-menu-item[data-theme='dark']").Click();

        layout.WaitForAssertion(() => layout.Markup.ShouldContain("--mud-palette-background: rgba(18,19,26,1)"));
        _preferences.VerifyInvoke("setPreferenceCookie").Arguments.ShouldBe(["aigc_theme", "dark"]);
    }

    [Fact]
    public void A_remembered_dark_theme_is_applied_on_the_first_render()
    {

        var layout = RenderLayout(ThemeMode.Dark);

        layout.Markup.ShouldContain("--mud-palette-background: rgba(18,19,26,1)");
    }
}
