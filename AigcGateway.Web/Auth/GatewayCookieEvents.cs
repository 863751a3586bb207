using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Auth;

/// <summary>
/// The dashboard session's life: sign-in starts a session (random id, absolute end <c>Gateway:SessionMaxAge</c> away)
/// and issues the instance-access cookie for it; every request checks the session is still current (not signed out,
/// not past its end) and carries an administrator mark only while <see cref="AdministratorStatus"/> confirms it;
/// sign-out removes the access cookie.
/// </summary>
internal sealed class GatewayCookieEvents(
    InstanceAccessCookie accessCookie, SessionValidity sessions, AdministratorStatus admins, IOptions<GatewayOptions> gateway, TimeProvider time)
    : CookieAuthenticationEvents
{
    public override Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
        {
            SessionClaims.Start(identity, time.GetUtcNow() + gateway.Value.SessionMaxAge);
            SignInAudit.Record(context.HttpContext, context.Principal, AigcGateway.Core.Storage.Audit.AuditActions.SignedIn);
            if (accessCookie.IssueFor(context.Principal) is { } ticket)
            {
                accessCookie.Append(context.HttpContext, ticket);
            }
        }

        return Task.CompletedTask;
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (!sessions.IsCurrent(principal))
        {
            // signed out elsewhere, past its absolute end, or from before sessions had ids: sign in again
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(GatewayAuthentication.CookieScheme);
            return;
        }

        // the administrator mark follows the role as re-checked in Logto (in the background: no Logto call here)
        if (principal!.HasClaim(GatewayClaims.Administrator, "true") && principal.FindFirst(GatewayClaims.Subject)?.Value is { } userId)
        {
            var (known, fresh) = admins.Known(userId);
            if (!fresh)
            {
                admins.RefreshInBackground(userId, principal.VerifiedEmail(), known ?? true);
            }

            if (known == false)
            {
                context.ReplacePrincipal(SessionClaims.WithAdministrator(principal, false));
                context.ShouldRenew = true;
            }
        }
    }

    public override Task SigningOut(CookieSigningOutContext context)
    {
        accessCookie.Delete(context.HttpContext);
        return Task.CompletedTask;
    }
}
