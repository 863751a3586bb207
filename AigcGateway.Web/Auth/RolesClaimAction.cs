using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth.Claims;

namespace AigcGateway.Web.Auth;

/// <summary>
/// Adds the userinfo <c>roles</c> array as <c>roles</c> claims, skipping roles the ID token already gave, and notes that
/// the array was there (<see cref="GatewayClaims.RolesAnswered"/>): an empty array yields no role claim but is an answer.
/// </summary>
internal sealed class RolesClaimAction() : ClaimAction(GatewayClaims.Roles, ClaimValueTypes.String)
{
    public override void Run(JsonElement userData, ClaimsIdentity identity, string issuer)
    {
        if (!userData.TryGetProperty(GatewayClaims.Roles, out var roles) || roles.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        identity.AddClaim(new Claim(GatewayClaims.RolesAnswered, "true", ClaimValueTypes.Boolean, issuer));
        foreach (var role in roles.EnumerateArray())
        {
            if (role.ValueKind == JsonValueKind.String && role.GetString() is { Length: > 0 } name
                && !identity.HasClaim(GatewayClaims.Roles, name))
            {
                identity.AddClaim(new Claim(GatewayClaims.Roles, name, ValueType, issuer));
            }
        }
    }
}
