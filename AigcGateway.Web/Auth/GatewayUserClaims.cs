using System.Security.Claims;
using AigcGateway.Core.Users;

namespace AigcGateway.Web.Auth;

/// <summary>Reads the signed-in user from the dashboard session's claims.</summary>
public static class GatewayUserClaims
{
    /// <summary>The user, or null when not signed in (or the session has no <c>sub</c>).</summary>
    public static GatewayUser? ToGatewayUser(this ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true || principal.FindFirst(GatewayClaims.Subject)?.Value is not { Length: > 0 } id)
        {
            return null;
        }

        var email = principal.FindFirst(GatewayClaims.Email)?.Value;
        var name = UserDisplayName.Of(id, principal.FindFirst(GatewayClaims.Name)?.Value, principal.FindFirst(GatewayClaims.Username)?.Value, email);
        return new GatewayUser(id, name, email, principal.HasClaim(GatewayClaims.Administrator, "true"));
    }

    /// <summary>
    /// The e-mail when Logto said it is verified (every <c>email_verified</c> claim true, at least one); otherwise null.
    /// </summary>
    public static string? VerifiedEmail(this ClaimsPrincipal? principal) =>
        principal?.Identity is ClaimsIdentity identity ? VerifiedEmail(identity) : null;

    /// <inheritdoc cref="VerifiedEmail(ClaimsPrincipal?)"/>
    public static string? VerifiedEmail(this ClaimsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var verified = identity.FindAll(GatewayClaims.EmailVerified).ToList();
        return verified.Count > 0 && verified.All(c => bool.TryParse(c.Value, out var value) && value)
            ? identity.FindFirst(GatewayClaims.Email)?.Value
            : null;
    }
}
