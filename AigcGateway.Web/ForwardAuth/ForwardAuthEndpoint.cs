using AigcGateway.Core.Access;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Configuration;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.ForwardAuth;

/// <summary>
/// <c>GET /auth</c>, which ingress-nginx calls for every request to an instance (<c>auth-url</c>): 200 with the user's
/// identity headers when the browser's instance-access cookie names the instance's owner (and, once a third of the
/// cookie's life has passed, a renewed cookie), 401 without a valid cookie of a current session (nginx then sends the
/// browser to <c>auth-signin</c>), 403 otherwise. It reads the cookie and the cached index only:
/// no Kubernetes or Logto call, no redirect, no error page.
/// </summary>
public static class ForwardAuthEndpoint
{
    public const string Path = "/auth";

    public static IEndpointRouteBuilder MapForwardAuth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], Handle)
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Handle(
        HttpContext context,
        InstanceAccessSession accessSession,
        IForwardAuthIndexSource index,
        InstanceActivity activity,
        IOptions<GatewayOptions> gateway,
        ForwardAuthDenialLog denials,
        [Microsoft.AspNetCore.Mvc.FromServices] IAuditLog? audit = null)
    {
        // A 401/403 here is an answer for nginx, not a page for a person: keep the status-code pages out of it.
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        context.Response.Headers.CacheControl = "no-store";

        var request = context.Request;
        // a signed-out (revoked) or ended session counts as no cookie: 401, and nginx sends the browser to sign in
        AccessIdentity? identity = accessSession.TryAuthenticate(request, out var ticket) ? new AccessIdentity(ticket.UserId, ticket.Email, ticket.IsAdministrator) : null;
        var decision = ForwardAuthPolicy.Decide(
            identity,
            request.Headers["X-Original-URL"],
            request.Headers["X-Forwarded-Host"],
            request.Headers["X-Forwarded-Uri"],
            index.Current,
            gateway.Value.AllowAdminInstanceAccess,
            request.Query[ForwardAuthHostBinding.QueryParameter],
            gateway.Value.HostBindingRequired);

        switch (decision.Outcome)
        {
            case ForwardAuthOutcome.Allowed:
                activity.Stamp(decision.Instance!);
                accessSession.RenewIfDue(context, ticket);
                context.Response.Headers["X-Auth-Request-User"] = decision.User!.UserId;
                if (decision.User.Email is { Length: > 0 } email)
                {
                    context.Response.Headers["X-Auth-Request-Email"] = email;
                }

                if (EngineCookieHeader.From(request.Headers.Cookie) is { } engineCookies)
                {
                    context.Response.Headers.Cookie = engineCookies;
                }

                return Results.Ok();
            case ForwardAuthOutcome.Unauthenticated:
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            default:
                denials.Denied(decision.User?.UserId, decision.Reason);
                if (decision.User is { } user)
                {
                    audit?.RecordDenial(user.UserId, DeniedHost(request), decision.Instance, decision.Reason);
                }

                return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>The host the browser asked for (as nginx reports it), for the audit log's per-host count.</summary>
    private static string DeniedHost(HttpRequest request) =>
        Uri.TryCreate(request.Headers["X-Original-URL"].ToString(), UriKind.Absolute, out var url) ? url.Host
            : request.Headers["X-Forwarded-Host"].ToString() is { Length: > 0 } host ? host : "?";
}
