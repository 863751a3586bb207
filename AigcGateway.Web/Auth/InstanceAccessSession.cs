using AigcGateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace AigcGateway.Web.Auth;

/// <summary>
/// The instance-access cookie as <c>/auth</c> sees it: accepted only while its session is current (not signed out, not
/// past its absolute end; answered from memory), and renewed silently once a third of its lifetime has passed. The
/// renewal keeps the session id and never reaches past the session's end; ingress-nginx hands the Set-Cookie of a
/// successful <c>/auth</c> to the browser. The administrator mark is renewed only from a status that is current
/// (<see cref="AdministratorStatus"/>), so it never outlives the role by more than a cookie's lifetime.
/// </summary>
public sealed class InstanceAccessSession(
    InstanceAccessCookie cookie, SessionValidity sessions, AdministratorStatus admins, IOptions<GatewayOptions> gateway, TimeProvider time)
{
    public bool TryAuthenticate(HttpRequest request, out AccessTicket ticket) =>
        cookie.TryRead(request, out ticket) && sessions.IsCurrent(ticket);

    /// <summary>Appends a renewed cookie (the only Set-Cookie of the answer) when <paramref name="ticket"/> is due for one.</summary>
    public void RenewIfDue(HttpContext context, AccessTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ticket);
        if (time.GetUtcNow() - ticket.IssuedAt < cookie.Lifetime / 3 || ticket.ExpiresAt >= ticket.SessionExpiresAt)
        {
            return;
        }

        var isAdministrator = false;
        if (ticket.IsAdministrator && gateway.Value.AllowAdminInstanceAccess)
        {
            var (known, fresh) = admins.Known(ticket.UserId);
            if (!fresh)
            {
                // not current here: ask Logto in the background and renew on a later request (the cookie still has
                // two thirds of its life), never from a status nobody re-checked
                admins.RefreshInBackground(ticket.UserId, ticket.EmailVerified ? ticket.Email : null, known ?? true);
                return;
            }

            isAdministrator = known == true;
        }

        cookie.Append(context, cookie.Issue(ticket.UserId, ticket.Email, isAdministrator, ticket.SessionId, ticket.SessionExpiresAt, ticket.EmailVerified));
    }
}
