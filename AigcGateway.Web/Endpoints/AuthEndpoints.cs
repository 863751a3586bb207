using AigcGateway.Core.Sessions;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Endpoints;

/// <summary><c>GET /sign-in</c>, <c>GET</c> and <c>POST /sign-out</c>, the sign-in error page and the access-denied page. The OIDC handler serves <c>/sign-in-callback</c>.</summary>
public static class AuthEndpoints
{
    public const string SignInPath = "/sign-in";
    public const string SignOutPath = "/sign-out";
    public const string AccessDeniedPath = "/access-denied";

    public static IEndpointRouteBuilder MapGatewayAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(SignInPath, SignInAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(SignOutPath, (HttpContext context, IAntiforgery antiforgery, IStringLocalizer<Strings> text) =>
                Html(SignOutPage.RenderHtml(antiforgery.GetAndStoreTokens(context), text)))
            .AllowAnonymous().ExcludeFromDescription();
        // the token is checked in the handler (a sign-out needs no form binding, so nothing else would check it)
        endpoints.MapPost(SignOutPath, SignOutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapGet(LogtoSessionEnd.SignedOutPath, (HttpContext context, string? logto, IAntiforgery antiforgery, IStringLocalizer<Strings> text) =>
                logto == SignInFailure.Unreachable ? Html(SignedOutPage.RenderHtml(antiforgery.GetAndStoreTokens(context), text)) : Results.Redirect("/"))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(SignedOutPage.RetryPath, RetryLogtoSignOutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
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
    /// a current dashboard session (their instance-access cookie expired) gets a fresh access cookie of that session
    /// without a Logto round trip.
    /// </summary>
    private static async Task<IResult> SignInAsync(
        HttpContext context, string? rd, IOptions<GatewayOptions> gateway, InstanceAccessCookie accessCookie, ILoggerFactory loggers)
    {
        var settings = gateway.Value;
        var dashboardHost = settings.PublicUri?.Host ?? context.Request.Host.Host;
        var target = ReturnUrlValidator.Resolve(rd, dashboardHost, settings.CookieDomainName);
        // the cookie handler let the session through, so it is current: mint for the same session (never past its end)
        if (context.User.Identity?.IsAuthenticated == true && accessCookie.IssueFor(context.User) is { } ticket)
        {
            accessCookie.Append(context, ticket);
            return Results.Redirect(target);
        }

        try
        {
            var properties = new OpenIdConnectChallengeProperties { RedirectUri = target };
            if (LogtoSignOutPending.IsMarked(context.Request))
            {
                // the last sign-out here did not reach Logto: its session may still be open, so ask for the password again
                properties.Prompt = "login";
                LogtoSignOutPending.Clear(context, GatewayAuthentication.IsHttps(settings, context.Request));
            }

            await context.ChallengeAsync(GatewayAuthentication.OidcScheme, properties);
            return Results.Empty;
        }
        catch (Exception e) when (SignInFailure.Classify(e) == SignInFailure.Unreachable && !context.Response.HasStarted)
        {
            AuthLog.SignInUnreachable(loggers.CreateLogger(typeof(AuthEndpoints)), e);
            return Results.Redirect(SignInFailure.Url(SignInFailure.Unreachable));
        }
    }

    /// <summary>
    /// <c>POST /sign-out</c> with the confirmation page's (or the user menu's) antiforgery token: revokes the session for
    /// every replica (its cookies, captured or not, open nothing afterwards), clears both cookies and ends the Logto
    /// session (post sign-out URI exactly as registered, plus client_id). Without a valid token nothing changes and the
    /// confirmation page is shown again.
    /// </summary>
    private static async Task<IResult> SignOutAsync(
        HttpContext context, IAntiforgery antiforgery, InstanceAccessCookie accessCookie, ISessionRevocations revocations,
        LogtoSessionEnd logtoSession, IOptions<GatewayOptions> gateway, IStringLocalizer<Strings> text, ILoggerFactory loggers)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Html(SignOutPage.RenderHtml(antiforgery.GetAndStoreTokens(context), text, notVerified: true), StatusCodes.Status400BadRequest);
        }

        // revoke the session (and the one of the access cookie the browser holds, should it differ), for every replica
        var sessions = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (SessionClaims.Of(context.User) is { } session)
        {
            sessions[session.Id] = session.ExpiresAt;
        }

        if (accessCookie.TryRead(context.Request, out var access))
        {
            sessions[access.SessionId] = access.SessionExpiresAt;
        }

        foreach (var (id, expiresAt) in sessions)
        {
            if (!await revocations.RevokeAsync(id, expiresAt, context.RequestAborted))
            {
                AuthLog.RevocationNotShared(loggers.CreateLogger(typeof(AuthEndpoints)));
            }
        }

        accessCookie.Delete(context);
        SignInAudit.Record(context, context.User, AigcGateway.Core.Storage.Audit.AuditActions.SignedOut);
        await context.SignOutAsync(GatewayAuthentication.CookieScheme);
        return await logtoSession.EndAsync(context, GatewayAuthentication.IsHttps(gateway.Value, context.Request));
    }

    /// <summary>
    /// <c>POST /sign-out/logto</c> from the "signed out here" page: tries again to end the Logto session that an earlier
    /// sign-out could not reach. Without a valid token nothing happens.
    /// </summary>
    private static async Task<IResult> RetryLogtoSignOutAsync(
        HttpContext context, IAntiforgery antiforgery, LogtoSessionEnd logtoSession, IOptions<GatewayOptions> gateway)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        return await logtoSession.EndAsync(context, GatewayAuthentication.IsHttps(gateway.Value, context.Request));
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
