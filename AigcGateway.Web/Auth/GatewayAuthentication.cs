using AigcGateway.Core.Logto;
using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AigcGateway.Web.Auth;

/// <summary>Cookie + OpenID Connect (Logto) sign-in, the instance-access cookie, the administrator policy and Data Protection.</summary>
public static class GatewayAuthentication
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string SessionCookieName = "aigc_session";

    /// <summary>
    /// The session cookie's name when the public URL is https. Browsers accept a <c>__Host-</c> cookie only from the
    /// host itself (Secure, Path=/, no Domain), so a sibling host cannot toss one in for the parent domain.
    /// </summary>
    public const string SecureSessionCookieName = "__Host-aigc_session";

    public const string AntiforgeryCookieName = "aigc_antiforgery";
    public const string ApplicationName = "AigcGateway";

    /// <summary>
    /// Registers authentication (requires <see cref="GatewayConfiguration.AddGatewayConfiguration"/> first). The
    /// authentication options are configured from <see cref="LogtoOptions"/> and <see cref="GatewayOptions"/>. Sessions need an
    /// <see cref="Core.Sessions.ISessionRevocations"/>: <c>AddGatewayCluster</c> registers the Kubernetes one.
    /// </summary>
    public static WebApplicationBuilder AddGatewayAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddLocalization();
        services.AddGatewayLogto();

        services.AddGatewayDataProtection(builder.Configuration);

        services.TryAddSingleton<InstanceAccessCookie>();
        services.TryAddSingleton<LogtoSessionEnd>();
        services.TryAddSingleton<SessionValidity>();
        services.TryAddSingleton<AdministratorStatus>();
        services.TryAddSingleton<InstanceAccessSession>();
        services.TryAddScoped<GatewayCookieEvents>();
        services.TryAddScoped<LogtoOpenIdConnectEvents>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieScheme;
                options.DefaultChallengeScheme = OidcScheme;
            })
            .AddCookie(CookieScheme)
            .AddOpenIdConnect(OidcScheme, _ => { });

        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<GatewayOptions>>((cookie, gateway) => ConfigureCookie(cookie, gateway.Value));
        services.AddOptions<OpenIdConnectOptions>(OidcScheme)
            .Configure<IOptions<LogtoOptions>, IOptions<GatewayOptions>>((oidc, logto, gateway) =>
                ConfigureOpenIdConnect(oidc, logto.Value, gateway.Value));

        services.AddAntiforgery();
        services.AddOptions<AntiforgeryOptions>()
            .Configure<IOptions<GatewayOptions>>((antiforgery, gateway) => ConfigureAntiforgery(antiforgery, gateway.Value));

        services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.Administrator, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(GatewayClaims.Administrator, "true"));
        return builder;
    }

    /// <summary>
    /// The Management API client (<see cref="ILogtoUsers"/>) from <see cref="LogtoOptions"/> (the customData mirror on
    /// top of it is Core's <c>AddGatewayLogtoMirror</c>).
    /// </summary>
    public static IServiceCollection AddGatewayLogto(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILogtoUsers>(sp =>
        {
            var logto = sp.GetRequiredService<IOptions<LogtoOptions>>().Value;
            var settings = new LogtoManagementSettings(
                logto.ServerEndpoint ?? throw new InvalidOperationException("Logto:Endpoint is not configured"),
                logto.M2MId ?? "", logto.M2MSecret ?? "")
            {
                CaBundlePath = string.IsNullOrWhiteSpace(logto.CaBundlePath) ? null : logto.CaBundlePath,
            };
            return LogtoManagement.CreateClient(settings, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>());
        });
        return services;
    }

    internal static bool IsHttps(GatewayOptions gateway, HttpRequest request) =>
        gateway.PublicUri is { } uri ? uri.Scheme == Uri.UriSchemeHttps : request.IsHttps;

    private static bool PublicUrlIsHttps(GatewayOptions gateway) => gateway.PublicUri?.Scheme == Uri.UriSchemeHttps;

    private static CookieSecurePolicy SecurePolicy(GatewayOptions gateway) =>
        PublicUrlIsHttps(gateway) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary><c>__Host-</c> + <paramref name="name"/> when the public URL is https (where browsers honour the prefix).</summary>
    private static string HostOnlyName(GatewayOptions gateway, string name) => PublicUrlIsHttps(gateway) ? "__Host-" + name : name;

    private static void ConfigureAntiforgery(AntiforgeryOptions antiforgery, GatewayOptions gateway)
    {
        antiforgery.Cookie.Name = HostOnlyName(gateway, AntiforgeryCookieName);
        antiforgery.Cookie.Path = "/";
        antiforgery.Cookie.Domain = null;
        antiforgery.Cookie.SecurePolicy = SecurePolicy(gateway);
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, GatewayOptions gateway)
    {
        cookie.Cookie.Name = HostOnlyName(gateway, SessionCookieName);
        cookie.Cookie.Path = "/";
        cookie.Cookie.Domain = null; // host-only: instance hosts never receive the dashboard session
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = SecurePolicy(gateway);
        cookie.Cookie.IsEssential = true;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
        cookie.SlidingExpiration = true;
        cookie.AccessDeniedPath = "/access-denied";
        cookie.EventsType = typeof(GatewayCookieEvents);
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions oidc, LogtoOptions logto, GatewayOptions gateway)
    {
        var publicEndpoint = logto.PublicEndpoint;
        var serverEndpoint = logto.ServerEndpoint;
        if (publicEndpoint is null || serverEndpoint is null)
        {
            return; // validation reports the missing endpoint at start-up
        }

        oidc.Authority = LogtoEndpoint.Issuer(publicEndpoint);
        oidc.MetadataAddress = LogtoEndpoint.Combine(serverEndpoint, "oidc/.well-known/openid-configuration");
        oidc.RequireHttpsMetadata = oidc.MetadataAddress.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        oidc.ClientId = logto.AppId;
        oidc.ClientSecret = logto.AppSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.CallbackPath = "/sign-in-callback";
        oidc.SaveTokens = false;
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.MapInboundClaims = false;
        oidc.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email", "roles" })
        {
            oidc.Scope.Add(scope);
        }

        oidc.ClaimActions.MapUniqueJsonKey(GatewayClaims.Username, GatewayClaims.Username);
        oidc.ClaimActions.MapUniqueJsonKey("picture", "picture");
        oidc.ClaimActions.MapUniqueJsonKey(GatewayClaims.EmailVerified, GatewayClaims.EmailVerified);
        oidc.ClaimActions.Add(new RolesClaimAction());
        oidc.TokenValidationParameters.NameClaimType = GatewayClaims.Name;
        oidc.TokenValidationParameters.RoleClaimType = GatewayClaims.Roles;
        oidc.TokenValidationParameters.ValidIssuers =
            [LogtoEndpoint.Issuer(publicEndpoint), LogtoEndpoint.Issuer(serverEndpoint)];

        // The correlation and nonce cookies of a sign-in in progress: host-prefixed like the session, so a sibling host
        // cannot plant its own to bind the victim's callback to an attacker's sign-in.
        var securePolicy = SecurePolicy(gateway);
        foreach (var (cookie, name) in new[] { (oidc.CorrelationCookie, "aigc_correlation."), (oidc.NonceCookie, "aigc_nonce.") })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = securePolicy;
            if (PublicUrlIsHttps(gateway))
            {
                cookie.Name = HostOnlyName(gateway, name);
                cookie.Path = "/";
            }
        }
        oidc.BackchannelHttpHandler = LogtoTls.CreateHandler(string.IsNullOrWhiteSpace(logto.CaBundlePath) ? null : logto.CaBundlePath);
        oidc.BackchannelTimeout = TimeSpan.FromSeconds(15);
        oidc.EventsType = typeof(LogtoOpenIdConnectEvents);
    }
}
