using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace AigcGateway.Web.Auth;

/// <summary>The sign-in session carried by the dashboard session's claims: its id and its absolute end.</summary>
public static class SessionClaims
{
    /// <summary>A new session id: 128 random bits, base64url (a valid ConfigMap key).</summary>
    public static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    /// <summary>Starts a session on a new sign-in's identity (unless it already carries one).</summary>
    public static void Start(ClaimsIdentity identity, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.HasClaim(c => c.Type == GatewayClaims.SessionId))
        {
            return;
        }

        identity.AddClaim(new Claim(GatewayClaims.SessionId, NewId()));
        identity.AddClaim(new Claim(GatewayClaims.SessionExpires, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
    }

    /// <summary>The session's id and end, or null for a principal without one (signed out, or signed in before sessions had ids).</summary>
    public static (string Id, DateTimeOffset ExpiresAt)? Of(ClaimsPrincipal? principal) =>
        principal?.FindFirst(GatewayClaims.SessionId)?.Value is { Length: > 0 } id
        && long.TryParse(principal.FindFirst(GatewayClaims.SessionExpires)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? (id, DateTimeOffset.FromUnixTimeSeconds(seconds))
            : null;

    /// <summary>A copy of <paramref name="principal"/> with or without the administrator claim.</summary>
    public static ClaimsPrincipal WithAdministrator(ClaimsPrincipal principal, bool isAdministrator)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var copy = principal.Clone();
        var identity = (ClaimsIdentity)copy.Identity!;
        foreach (var claim in identity.FindAll(GatewayClaims.Administrator).ToList())
        {
            identity.RemoveClaim(claim);
        }

        if (isAdministrator)
        {
            identity.AddClaim(new Claim(GatewayClaims.Administrator, "true"));
        }

        return copy;
    }
}
