using System.Security.Claims;
using AigcGateway.Core.Logto;
using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Auth;

/// <summary>
/// Logto specifics of the OIDC handler: browser redirects on the public endpoint, the registered post sign-out URI
/// plus <c>client_id</c>, display name and administrator claims at sign-in, and readable callback failures.
/// </summary>
internal sealed class LogtoOpenIdConnectEvents(
    IOptions<LogtoOptions> logto,
    IOptions<GatewayOptions> gateway,
    IServiceProvider services,
    ILogger<LogtoOpenIdConnectEvents> logger) : OpenIdConnectEvents
{
    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        var options = logto.Value;
        if (UsesInternalEndpoint(options))
        {
            context.ProtocolMessage.IssuerAddress = LogtoEndpoint.Combine(options.PublicEndpoint!, "oidc/auth");
        }

        if (gateway.Value.PublicUri is { } publicUri)
        {
            context.ProtocolMessage.RedirectUri = publicUri.GetLeftPart(UriPartial.Authority) + context.Options.CallbackPath;
        }

        // no resource: an access token with an audience is refused by Logto's userinfo endpoint
        context.ProtocolMessage.Resource = null;
        SignInOrigin.Remember(context.Properties, context.Request);
        return Task.CompletedTask;
    }

    public override Task RedirectToIdentityProviderForSignOut(RedirectContext context)
    {
        var options = logto.Value;
        if (UsesInternalEndpoint(options))
        {
            context.ProtocolMessage.IssuerAddress = LogtoEndpoint.Combine(options.PublicEndpoint!, "oidc/session/end");
        }

        context.ProtocolMessage.PostLogoutRedirectUri = PostLogoutRedirectUri(options, context.Request);
        context.ProtocolMessage.ClientId = options.AppId;
        context.ProtocolMessage.IdTokenHint = null;
        // The registered post sign-out URI is the dashboard's root, not the handler's sign-out callback, so nothing
        // would read a state: redirect here without one (the handler would add it after this event) so that Logto
        // returns to exactly the registered URI.
        context.ProtocolMessage.State = null;
        context.Response.Redirect(context.ProtocolMessage.CreateLogoutRequestUrl());
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        if (identity.FindFirst(GatewayClaims.Name) is null)
        {
            var name = identity.FindFirst(GatewayClaims.Username)?.Value
                ?? identity.FindFirst(GatewayClaims.Email)?.Value
                ?? identity.FindFirst(GatewayClaims.Subject)?.Value;
            if (name is not null)
            {
                identity.AddClaim(new Claim(GatewayClaims.Name, name));
            }
        }

        if (await IsAdministratorAsync(identity, context.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            identity.AddClaim(new Claim(GatewayClaims.Administrator, "true"));
        }
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        var reason = SignInFailure.Classify(context.Failure);
        if (context.Request.Query.TryGetValue("error", out var error) && error == "access_denied")
        {
            reason = SignInFailure.AccessDenied;
        }

        var opened = SignInOrigin.Mismatch(context.Properties, context.Request, gateway.Value.PublicUri);
        AuthLog.RemoteFailure(logger, opened is null ? reason : SignInOrigin.WrongHost, context.Failure);
        context.Response.Redirect(opened is null ? SignInFailure.Url(reason) : SignInOrigin.ErrorUrl(opened));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    internal static string PostLogoutRedirectUri(LogtoOptions options, HttpRequest request) =>
        !string.IsNullOrWhiteSpace(options.PostLogoutRedirectUri)
            ? options.PostLogoutRedirectUri
            : $"{request.Scheme}://{request.Host}{request.PathBase}/";

    private static bool UsesInternalEndpoint(LogtoOptions options) =>
        options.PublicEndpoint is { } publicEndpoint && options.ServerEndpoint is { } server && server != publicEndpoint;

    private async Task<bool> IsAdministratorAsync(ClaimsIdentity identity, CancellationToken cancellationToken)
    {
        var settings = gateway.Value;
        if (identity.HasClaim(GatewayClaims.Roles, settings.AdminRole))
        {
            return true;
        }

        var sub = identity.FindFirst(GatewayClaims.Subject)?.Value;
        var email = identity.FindFirst(GatewayClaims.Email)?.Value;
        if (settings.AdminUsers.Any(a => string.Equals(a, sub, StringComparison.Ordinal)
            || (email is not null && string.Equals(a, email, StringComparison.OrdinalIgnoreCase))))
        {
            return true;
        }

        // Logto 1.4 has no roles scope: without any roles claim, ask the Management API once at sign-in
        if (sub is null || identity.HasClaim(c => c.Type == GatewayClaims.Roles) || services.GetService<ILogtoUsers>() is not { } users)
        {
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var roles = await users.GetUserRoleNamesAsync(sub, timeout.Token).ConfigureAwait(false);
        if (!roles.IsOk)
        {
            AuthLog.RolesLookupFailed(logger, sub, roles.Outcome, roles.Error ?? "");
            return false;
        }

        return roles.Value.Contains(settings.AdminRole, StringComparer.Ordinal);
    }
}
