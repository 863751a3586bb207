using Microsoft.AspNetCore.Authentication.Cookies;

namespace AigcGateway.Web.Auth;

/// <summary>Issues the instance-access cookie whenever the dashboard session starts, and removes it when it ends.</summary>
internal sealed class GatewayCookieEvents(InstanceAccessCookie accessCookie) : CookieAuthenticationEvents
{
    public override Task SigningIn(CookieSigningInContext context)
    {
        var principal = context.Principal;
        if (principal?.FindFirst(GatewayClaims.Subject)?.Value is { Length: > 0 } userId)
        {
            accessCookie.Append(
                context.HttpContext, userId, principal.FindFirst(GatewayClaims.Email)?.Value, principal.HasClaim(GatewayClaims.Administrator, "true"));
        }

        return Task.CompletedTask;
    }

    public override Task SigningOut(CookieSigningOutContext context)
    {
        accessCookie.Delete(context.HttpContext);
        return Task.CompletedTask;
    }
}
