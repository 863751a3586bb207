using System.Security.Claims;

namespace AigcGateway.Web.Components.Dashboard;

/// <summary>Reads the gateway's user id (the Logto <c>sub</c>) from a signed-in user.</summary>
public static class UserClaims
{
    public const string Subject = "sub";

    /// <summary>The <c>sub</c> claim, else <see cref="ClaimTypes.NameIdentifier"/> (where inbound claim mapping renamed it); null when neither is set.</summary>
    public static string? IdOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = user.FindFirst(Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        return string.IsNullOrWhiteSpace(id) ? null : id;
    }
}
