using System.Globalization;
using AigcGateway.Web.Components;
using AigcGateway.Web.Endpoints;
using AigcGateway.Web.ForwardAuth;
using AigcGateway.Web.Preferences;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace AigcGateway.Web.Hosting;

/// <summary>The web layer: Blazor with MudBlazor, localisation, preferences and health endpoints.</summary>
public static class GatewayWebExtensions
{
    /// <summary>Health checks with this tag decide <c>/readyz</c>.</summary>
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddGatewayWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = SupportedCultures.All.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(SupportedCultures.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentUICultures = true;
            options.FallBackToParentCultures = true;
            // Order: the language switch's cookie, then the browser's Accept-Language.
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        services.AddCascadingAuthenticationState();
        services.AddHealthChecks();
        services.AddSingleton<Demo.DemoControl>();
        services.AddSingleton<ForwardAuthDenialLog>();
        return builder;
    }

    public static WebApplication UseGatewayWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapPreferenceEndpoints();
        app.MapGatewayAuthEndpoints();
        app.MapForwardAuth();

        StartupBanner.PrintWhenStarted(app);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
