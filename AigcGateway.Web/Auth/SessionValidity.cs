using System.Security.Claims;
using AigcGateway.Core.Sessions;

namespace AigcGateway.Web.Auth;

/// <summary>
/// Whether a sign-in session still counts: it has an id, has not reached its absolute end and was not signed out
/// (<see cref="ISessionRevocations"/>, answered from memory). Asked by the cookie handler on every request, by open
/// circuits every few seconds and by <c>/auth</c>.
/// </summary>
public sealed class SessionValidity(ISessionRevocations revocations, TimeProvider time)
{
    public bool IsCurrent(ClaimsPrincipal? principal) =>
        SessionClaims.Of(principal) is { } session && IsCurrent(session.Id, session.ExpiresAt);

    public bool IsCurrent(AccessTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return IsCurrent(ticket.SessionId, ticket.SessionExpiresAt);
    }

    private bool IsCurrent(string sessionId, DateTimeOffset expiresAt) =>
        sessionId.Length > 0 && expiresAt > time.GetUtcNow() && !revocations.IsRevoked(sessionId);
}
