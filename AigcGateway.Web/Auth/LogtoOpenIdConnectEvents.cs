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
    AdministratorStatus admins,
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

        var isAdministrator = await admins.EvaluateAtSignInAsync(identity, context.HttpContext.RequestAborted).ConfigureAwait(false);
        foreach (var marker in identity.FindAll(GatewayClaims.RolesAnswered).ToList())
        {
            identity.RemoveClaim(marker);
        }

        if (isAdministrator)
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
}
