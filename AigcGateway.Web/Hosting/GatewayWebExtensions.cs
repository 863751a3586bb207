using System.Globalization;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Components;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Demo;
using AigcGateway.Web.Endpoints;
using AigcGateway.Web.ForwardAuth;
using AigcGateway.Web.Preferences;
using AigcGateway.Web.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
        // the admin YAML editor sends a whole template in one message: accept any text it can hold (not the 32 KB default)
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(options => options.MaximumReceiveMessageSize = Components.Admin.YamlEditor.HubMessageLimit);
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
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<GatewayOptions>>((forwarded, gateway) => TrustedProxies.Configure(forwarded, gateway.Value));
        services.AddCascadingAuthenticationState();
        // open dashboards re-check their user (signed out elsewhere, session ended, administrator role removed)
        services.Replace(ServiceDescriptor.Scoped<AuthenticationStateProvider, SessionRevalidatingStateProvider>());
        services.AddHealthChecks();
        services.AddSingleton<ForwardAuthDenialLog>();
        // the viewer's UTC offset, asked once per circuit (times of day on the cards and the administration pages)
        services.AddScoped<Components.Shared.ViewerClock>();
        return builder;
    }

    public static WebApplication UseGatewayWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseGatewayPublicScheme();
        app.UseGatewaySecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseMiddleware<BlazorOriginGuard>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapPreferenceEndpoints();
        app.MapGatewayAuthEndpoints();
        app.MapForwardAuth();
        Audit.AuditExportEndpoint.MapAuditExport(app);

        StartupBanner.PrintWhenStarted(app);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .OnlyInDemoMode(app.Services.GetRequiredService<GatewayMode>().IsDemo);
        return app;
    }
}
