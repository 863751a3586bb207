using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Endpoints;

/// <summary><c>GET /sign-in</c>, <c>GET /sign-out</c>, the sign-in error page and the access-denied page. The OIDC handler serves <c>/sign-in-callback</c>.</summary>
public static class AuthEndpoints
{
    public const string SignInPath = "/sign-in";
    public const string SignOutPath = "/sign-out";
    public const string AccessDeniedPath = "/access-denied";

    public static IEndpointRouteBuilder MapGatewayAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(SignInPath, SignInAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(SignOutPath, SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(SignInFailure.Path, (string? reason, string? opened, IStringLocalizer<Strings> text, IOptions<GatewayOptions> gateway) =>
                Html(SignInOrigin.RenderHtml(reason, opened, gateway.Value.PublicUri, text)))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(AccessDeniedPath, (IStringLocalizer<Strings> text) =>
                Html(SignInFailure.RenderHtml(SignInFailure.Forbidden, text), StatusCodes.Status403Forbidden))
            .AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// Starts sign-in and returns to <c>rd</c> when it is safe (<see cref="ReturnUrlValidator"/>). A user who already has
    /// a dashboard session (their instance-access cookie expired) gets a fresh access cookie without a Logto round trip.
    /// </summary>
    private static async Task<IResult> SignInAsync(
        HttpContext context, string? rd, IOptions<GatewayOptions> gateway, InstanceAccessCookie accessCookie, ILoggerFactory loggers)
    {
        var settings = gateway.Value;
        var dashboardHost = settings.PublicUri?.Host ?? context.Request.Host.Host;
        var target = ReturnUrlValidator.Resolve(rd, dashboardHost, settings.CookieDomainName);
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && user.FindFirst(GatewayClaims.Subject)?.Value is { Length: > 0 } userId)
        {
            accessCookie.Append(context, userId, user.FindFirst(GatewayClaims.Email)?.Value, user.HasClaim(GatewayClaims.Administrator, "true"));
            return Results.Redirect(target);
        }

        try
        {
            await context.ChallengeAsync(GatewayAuthentication.OidcScheme, new AuthenticationProperties { RedirectUri = target });
            return Results.Empty;
        }
        catch (Exception e) when (SignInFailure.Classify(e) == SignInFailure.Unreachable && !context.Response.HasStarted)
        {
            AuthLog.SignInUnreachable(loggers.CreateLogger(typeof(AuthEndpoints)), e);
            return Results.Redirect(SignInFailure.Url(SignInFailure.Unreachable));
        }
    }

    /// <summary>Clears both cookies and ends the Logto session (post sign-out URI exactly as registered, plus client_id).</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, InstanceAccessCookie accessCookie, ILoggerFactory loggers)
    {
        accessCookie.Delete(context);
        await context.SignOutAsync(GatewayAuthentication.CookieScheme);
        try
        {
            await context.SignOutAsync(GatewayAuthentication.OidcScheme, new AuthenticationProperties { RedirectUri = "/" });
            return Results.Empty;
        }
        catch (Exception e) when (SignInFailure.Classify(e) == SignInFailure.Unreachable && !context.Response.HasStarted)
        {
            AuthLog.SignOutUnreachable(loggers.CreateLogger(typeof(AuthEndpoints)), e);
            return Results.Redirect("/");
        }
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
